package io.aiox.component.cli;

import io.aiox.schema.user.User;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;

/** {@code user add <name>}: the hub user and their XMPP account, with a generated password. */
final class UserCommands {
  private static final String NAME = "[a-z0-9][a-z0-9._-]{0,63}";
  private static final SecureRandom RANDOM = new SecureRandom();

  private UserCommands() {}

  static void run(Operator op, Args args, PrintStream out) {
    String verb = args.word(1, "user command (add)");
    if (!verb.equals("add")) {
      throw new Args.UsageException("unknown user command " + verb + " (known: add)");
    }
    String name = args.word(2, "user name");
    if (!name.matches(NAME)) {
      throw new Args.UsageException("user name must be lower-case letters, digits, '.', '_' or '-' (at most 64), was "
          + name);
    }
    if (op.users.findByName(name).await().isPresent()) {
      throw new Args.UsageException("user " + name + " exists already");
    }
    String password = password();
    String jid = op.accounts.register(name, password);
    User user = op.users.create(name, jid).await();
    if (args.flag("json")) {
      out.println(new JsonObject().put("id", user.id().toString()).put("username", name).put("jid", jid)
          .put("password", password).encode());
    } else {
      out.println("user " + name + " created: JID " + jid + " password " + password);
    }
  }

  private static String password() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
