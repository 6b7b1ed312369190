package io.aiox.component.cli;

import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.SecretName;
import io.aiox.schema.user.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code secret set|list|delete --owner <user or JID> [--name <name>]}: owner-level secrets such as provider API
 * keys, sealed before they reach the database. The value is read from standard input, never from the command
 * line, where other users of the machine could see it.
 */
final class SecretCommands {
  private static final int MAX_BYTES = 64 * 1024;

  private SecretCommands() {}

  static void run(Operator op, Args args, InputStream in, PrintStream out) {
    String verb = args.word(1, "secret command (set, list, delete)");
    OwnerId owner = owner(op, args.required("owner"));
    switch (verb) {
      case "set" -> {
        SecretName name = name(args);
        op.vault().setSecret(owner, name, value(in)).await();
        out.println(args.flag("json") ? new JsonObject().put("stored", name.value()).encode() : "stored " + name);
      }
      case "list" -> {
        List<SecretName> names = op.vault().secretNames(owner).await();
        if (args.flag("json")) {
          JsonArray array = new JsonArray();
          names.forEach(n -> array.add(n.value()));
          out.println(array.encode());
        } else {
          names.forEach(out::println);
        }
      }
      case "delete" -> {
        SecretName name = name(args);
        if (!op.vault().deleteSecret(owner, name).await()) {
          throw new Args.UsageException("no secret " + name + " for " + args.required("owner"));
        }
        out.println(args.flag("json") ? new JsonObject().put("deleted", name.value()).encode() : "deleted " + name);
      }
      default -> throw new Args.UsageException("unknown secret command " + verb + " (known: set, list, delete)");
    }
  }

  private static OwnerId owner(Operator op, String who) {
    Optional<User> user = who.contains("@") ? op.users.findByJid(who).await() : op.users.findByName(who).await();
    return user.map(User::id).orElseThrow(() -> new Args.UsageException("no such user: " + who));
  }

  private static SecretName name(Args args) {
    try {
      return new SecretName(args.required("name"));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(e.getMessage());
    }
  }

  /** Standard input to its end, less one trailing line break (what {@code echo} or a here-string adds). */
  private static String value(InputStream in) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secret from standard input", e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new Args.UsageException("the secret on standard input is over " + MAX_BYTES + " bytes");
    }
    String value = new String(bytes, StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
    if (value.isEmpty()) {
      throw new Args.UsageException("the secret's value is read from standard input, which was empty");
    }
    return value;
  }
}
