package io.aiox.component.cli;

import io.aiox.policy.crypto.KeyRotation;
import io.aiox.policy.crypto.MasterKey;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code keys rotate [--master] | rewrap | status}: key rotation while hubs keep serving (docs/operations.md,
 * "Encryption at rest").
 */
final class KeyCommands {
  private KeyCommands() {}

  static void run(Operator op, Args args, PrintStream out) {
    String verb = args.word(1, "keys command (rotate, rewrap, status)");
    switch (verb) {
      case "rotate" -> rotate(op, args, out);
      case "rewrap" -> report(args, out, "re-wrapped", op.vault().rotation().rewrapDataKeys().await());
      case "status" -> status(op, args, out);
      default -> throw new Args.UsageException("unknown keys command " + verb + " (known: rotate, rewrap, status)");
    }
  }

  private static void rotate(Operator op, Args args, PrintStream out) {
    KeyRotation rotation = op.vault().rotation();
    if (!args.flag("master")) {
      report(args, out, "rotated", rotation.rotateDataKeys().await());
      return;
    }
    MasterKey next = MasterKey.generate();
    KeyRotation.Report report = rotation.rotateMasterKey(next).await();
    if (!args.flag("json")) {
      out.println("master key " + next.id() + " added at the top of the key file; older master keys stay below it"
          + " until keys status shows they wrap no data key");
    }
    report(args, out, "re-wrapped", report);
  }

  private static void report(Args args, PrintStream out, String verb, KeyRotation.Report r) {
    if (args.flag("json")) {
      out.println(new JsonObject().put("owners", r.owners()).put("dataKeys", r.dataKeys()).put("values", r.values())
          .put("unreadable", r.unreadable()).encode());
      return;
    }
    out.println(verb + " " + r.dataKeys() + " data keys of " + r.owners() + " owners; re-sealed " + r.values()
        + " values" + (r.unreadable() == 0 ? "" : "; " + r.unreadable()
            + " values do not open and stay on their old key (the hub log names them)"));
  }

  private static void status(Operator op, Args args, PrintStream out) {
    KeyRotation rotation = op.vault().rotation();
    Map<String, Long> usage = rotation.masterKeyUsage().await();
    if (args.flag("json")) {
      JsonObject wraps = new JsonObject();
      usage.forEach(wraps::put);
      out.println(new JsonObject().put("masterKeys", rotation.masterKeyIds()).put("dataKeysByMasterKey", wraps)
          .encode());
      return;
    }
    boolean first = true;
    for (String id : rotation.masterKeyIds()) {
      out.println("master key " + id + (first ? " (current)" : "") + ": wraps " + usage.getOrDefault(id, 0L)
          + " data keys");
      first = false;
    }
    usage.keySet().stream().filter(id -> !rotation.masterKeyIds().contains(id)).forEach(id -> out.println(
        "master key " + id + " (NOT HELD): wraps " + usage.get(id) + " data keys that this hub cannot open"));
  }
}
