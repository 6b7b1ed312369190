package io.aiox.component.cli;

import io.aiox.schema.admin.OperatorQueries;
import io.aiox.schema.audit.AuditVerifier;
import io.aiox.schema.audit.ChainBreak;
import io.aiox.schema.audit.ChainReport;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;

/**
 * {@code audit verify [--owner NAME] [--json]}: recomputes owners' audit chains (docs/operations.md, "Audit").
 * Exit 0 when every chain holds, 1 when one does not, with one line per broken chain naming the owner, the first
 * entry that does not hold and why.
 */
final class AuditCommands {
  private AuditCommands() {}

  static int run(Operator op, Args args, PrintStream out) {
    String verb = args.word(1, "audit command (verify)");
    if (!verb.equals("verify")) {
      throw new Args.UsageException("unknown audit command " + verb + " (known: verify)");
    }
    String ownerName = args.option("owner", null);
    OwnerId owner = ownerName == null ? null : owner(op, ownerName);
    Tally tally = new Tally(args.flag("json"), out);
    // The hub role sees no audit row without an owner set; only the admin role can read every chain.
    try (OperatorQueries admin = OperatorQueries.connect(op.vertx, op.config.database())) {
      AuditVerifier verifier = admin.auditVerifier();
      if (owner != null) {
        tally.accept(verifier.verify(owner).await());
      } else {
        verifier.verifyAll(tally::accept).await();
      }
    }
    return tally.finish();
  }

  private static OwnerId owner(Operator op, String name) {
    return op.users.findByName(name).await().map(u -> u.id())
        .orElseThrow(() -> new Args.UsageException("no such user: " + name));
  }

  /** Prints each chain as it is checked (text), or gathers them for one JSON document; counts the broken ones. */
  private static final class Tally {
    private final boolean json;
    private final PrintStream out;
    private final JsonArray chains = new JsonArray();
    private long checked;
    private long broken;

    Tally(boolean json, PrintStream out) {
      this.json = json;
      this.out = out;
    }

    void accept(ChainReport r) {
      checked++;
      broken += r.holds() ? 0 : 1;
      if (json) {
        chains.add(json(r));
      } else {
        out.println(r.holds() ? holdsLine(r) : brokenLine(r, r.broken().orElseThrow()));
      }
    }

    int finish() {
      if (json) {
        out.println(new JsonObject().put("holds", broken == 0).put("checked", checked).put("broken", broken)
            .put("chains", chains).encode());
      } else {
        out.println("audit: " + checked + (checked == 1 ? " chain" : " chains") + " checked, " + broken + " broken");
      }
      return broken == 0 ? 0 : 1;
    }

    private static String holdsLine(ChainReport r) {
      return "ok      " + r.ownerLabel() + ": " + r.entries() + " entries hold"
          + (r.entries() == 0 ? "" : "; head seq " + r.headSeq() + " hash " + r.headHash());
    }

    private static String brokenLine(ChainReport r, ChainBreak b) {
      return "BROKEN  " + r.ownerLabel() + " (owner " + r.owner() + "): entry " + b.entry() + " (seq " + b.seq()
          + "): " + b.reason().label() + ": " + b.detail();
    }

    private static JsonObject json(ChainReport r) {
      JsonObject o = new JsonObject().put("owner", r.owner().toString()).put("name", r.ownerName().orElse(null))
          .put("entries", r.entries()).put("holds", r.holds())
          .put("head", new JsonObject().put("seq", r.headSeq()).put("hash", r.headHash()));
      r.broken().ifPresent(b -> o.put("broken", new JsonObject().put("entry", b.entry().toString())
          .put("seq", b.seq()).put("reason", b.reason().code()).put("detail", b.detail())));
      return o;
    }
  }
}
