package io.aiox.component.cli;

import io.aiox.component.users.UserAccounts;
import io.aiox.component.users.UserRefused;
import io.aiox.schema.user.User;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code user add <name>}: the hub user and their XMPP account, with a generated password.
 * {@code user link <name> <bare JID>}: stanzas from that JID (another account, a user on a federated hub) count as
 * the user's own, so their private agents answer it (rfc section 2).
 * {@code user unlink <name> <bare JID>}: no longer (running hubs notice within their directory cache's 5 s).
 * {@code user set <name> --quota JSON}: merges into the owner's {@code quota_config} (a key set to null is removed),
 * checked the way a turn reads it; running hubs apply it within {@code quota.snapshot_ttl_ms}.
 * {@code user set <name> --role admin|user}: the console role (an admin sees and governs every owner's agents);
 * it reaches the console at the user's next sign-in or token refresh. {@code user add <name> --admin} starts so.
 */
final class UserCommands {
  private static final String BARE_JID = "[^@/\\s]{1,1023}@[^@/\\s]{1,1023}";

  private UserCommands() {}

  static void run(Operator op, Args args, PrintStream out) {
    String verb = args.word(1, "user command (add, link, unlink, set)");
    switch (verb) {
      case "add" -> add(op, args, out);
      case "link" -> link(op, args, out);
      case "unlink" -> unlink(op, args, out);
      case "set" -> set(op, args, out);
      default -> throw new Args.UsageException("unknown user command " + verb + " (known: add, link, unlink, set)");
    }
  }

  private static void add(Operator op, Args args, PrintStream out) {
    String name = args.word(2, "user name");
    UserAccounts.NewUser made = refusedAsUsage(() -> op.userAccounts.add(name).await());
    User user = made.user();
    String role = args.flag("admin") ? "admin" : "user";
    if (args.flag("admin")) {
      op.users.setRole(user.id(), role).await();
    }
    if (args.flag("json")) {
      out.println(new JsonObject().put("id", user.id().toString()).put("username", name).put("jid", user.xmppJid())
          .put("role", role).put("password", made.password()).encode());
    } else {
      out.println("user " + name + " created: JID " + user.xmppJid() + " password " + made.password()
          + (args.flag("admin") ? " (console admin)" : ""));
    }
  }

  private static void link(Operator op, Args args, PrintStream out) {
    String name = args.word(2, "user name");
    String jid = linkedJid(args);
    User user = user(op, name);
    Optional<User> holder = op.users.findByJid(jid).await();
    if (holder.isPresent()) {
      // One JID speaks for one user only, or the owner lookup on every stanza would be ambiguous.
      throw new Args.UsageException(jid + " already belongs to user " + holder.get().username());
    }
    op.users.linkJid(user.id(), jid).await();
    if (args.flag("json")) {
      out.println(new JsonObject().put("username", name).put("linked_jid", jid).encode());
    } else {
      out.println("user " + name + ": stanzas from " + jid + " now count as theirs");
    }
  }

  private static void unlink(Operator op, Args args, PrintStream out) {
    String name = args.word(2, "user name");
    String jid = linkedJid(args);
    User user = user(op, name);
    if (!op.users.unlinkJid(user.id(), jid).await()) {
      throw new Args.UsageException(jid + " is not linked to user " + name
          + (jid.equals(user.xmppJid()) ? " (it is their own account)" : ""));
    }
    if (args.flag("json")) {
      out.println(new JsonObject().put("username", name).put("unlinked_jid", jid).encode());
    } else {
      out.println("user " + name + ": stanzas from " + jid + " no longer count as theirs");
    }
  }

  private static void set(Operator op, Args args, PrintStream out) {
    String name = args.word(2, "user name");
    String role = args.option("role", null);
    if (args.option("quota", null) == null && role == null) {
      throw new Args.UsageException("nothing to set: give --quota JSON, e.g. '{\"max_tokens_per_day\": 200000}',"
          + " or --role admin|user");
    }
    if (role != null) {
      setRole(op, args, out, name, role);
      if (args.option("quota", null) == null) {
        return;
      }
    }
    JsonObject patch = args.jsonObject("quota");
    User user = user(op, name);
    JsonObject stored = refusedAsUsage(() -> op.userAccounts.setQuota(user.id(), patch).await());
    if (args.flag("json")) {
      out.println(new JsonObject().put("username", name).put("quota_config", stored).encode());
    } else {
      out.println("user " + name + ": quota_config " + stored.encode());
    }
  }

  private static void setRole(Operator op, Args args, PrintStream out, String name, String role) {
    if (!role.equals("admin") && !role.equals("user")) {
      throw new Args.UsageException("--role is admin or user, was " + role);
    }
    User user = user(op, name);
    op.users.setRole(user.id(), role).await();
    if (args.flag("json")) {
      out.println(new JsonObject().put("username", name).put("role", role).encode());
    } else {
      out.println("user " + name + ": role " + role);
    }
  }

  private static String linkedJid(Args args) {
    String jid = args.word(3, "bare JID (user@domain)").toLowerCase(Locale.ROOT);
    if (!jid.matches(BARE_JID)) {
      throw new Args.UsageException("a linked JID is a bare JID such as ann@other.example, was " + jid);
    }
    return jid;
  }

  private static User user(Operator op, String name) {
    return op.users.findByName(name).await().orElseThrow(() -> new Args.UsageException("no user " + name));
  }

  /** The shared rules' refusals are the operator's usage errors (exit 2). */
  private static <T> T refusedAsUsage(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (UserRefused e) {
      throw new Args.UsageException(e.getMessage());
    }
  }
}
