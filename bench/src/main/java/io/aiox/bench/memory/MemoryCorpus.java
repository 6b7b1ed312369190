package io.aiox.bench.memory;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The benchmark's data: {@code owners} users with one agent each, and {@code perOwner} memories per agent, written
 * with COPY (binary for the memories: pgvector's binary form is 2 + 2 + 4 x 384 bytes a row). The vectors stay in
 * memory for the exact answers recall is measured against. Memory {@code i} belongs to owner {@code i / perOwner}.
 */
final class MemoryCorpus {
  final int owners;
  final int perOwner;
  final UUID[] ownerIds;
  final UUID[] agentIds;
  final float[][] vectors;
  final float[][] latents;

  private MemoryCorpus(int owners, int perOwner) {
    this.owners = owners;
    this.perOwner = perOwner;
    this.ownerIds = new UUID[owners];
    this.agentIds = new UUID[owners];
    this.vectors = new float[owners * perOwner][];
    this.latents = new float[owners * perOwner][];
  }

  int size() {
    return vectors.length;
  }

  /** Generates the corpus and loads it through the admin connection; the HNSW index is left to the caller. */
  static MemoryCorpus load(Connection admin, SyntheticVectors space, int owners, int perOwner, long seed)
      throws SQLException, IOException {
    MemoryCorpus c = new MemoryCorpus(owners, perOwner);
    Random r = new Random(seed);
    StringBuilder users = new StringBuilder();
    StringBuilder agents = new StringBuilder();
    for (int o = 0; o < owners; o++) {
      c.ownerIds[o] = new UUID(r.nextLong(), r.nextLong());
      c.agentIds[o] = new UUID(r.nextLong(), r.nextLong());
      users.append(c.ownerIds[o]).append("\tu").append(o).append("\tu").append(o).append("@bench.test\n");
      agents.append(c.agentIds[o]).append('\t').append(c.ownerIds[o]).append("\tagent-").append(c.agentIds[o])
          .append("@agents.bench.test\n");
    }
    CopyManager copy = admin.unwrap(PGConnection.class).getCopyAPI();
    copy.copyIn("COPY users (id, username, xmpp_jid) FROM STDIN", new StringReader(users.toString()));
    copy.copyIn("COPY agents (id, owner_user_id, jid) FROM STDIN", new StringReader(agents.toString()));
    try (OutputStream raw = new PGCopyOutputStream(admin.unwrap(PGConnection.class),
        "COPY agent_memories (id, owner_user_id, agent_id, kind, content, embedding) FROM STDIN (FORMAT binary)",
        1 << 20); DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20))) {
      header(out);
      for (int i = 0; i < c.size(); i++) {
        double[] z = space.latent(r);
        c.vectors[i] = space.embed(z, r);
        c.latents[i] = toFloats(z);
        row(out, new UUID(r.nextLong(), r.nextLong()), c.ownerIds[i / perOwner], c.agentIds[i / perOwner],
            "memory " + i, c.vectors[i]);
      }
      out.writeShort(-1);
    }
    return c;
  }

  private static void header(DataOutputStream out) throws IOException {
    out.writeBytes("PGCOPY\n");
    out.write(new byte[] {(byte) 0xff, '\r', '\n', 0});
    out.writeInt(0);
    out.writeInt(0);
  }

  private static void row(DataOutputStream out, UUID id, UUID owner, UUID agent, String content, float[] v)
      throws IOException {
    out.writeShort(6);
    uuid(out, id);
    uuid(out, owner);
    uuid(out, agent);
    text(out, "fact");
    text(out, content);
    out.writeInt(4 + 4 * v.length);
    out.writeShort(v.length);
    out.writeShort(0);
    for (float x : v) {
      out.writeFloat(x);
    }
  }

  private static void uuid(DataOutputStream out, UUID u) throws IOException {
    out.writeInt(16);
    out.writeLong(u.getMostSignificantBits());
    out.writeLong(u.getLeastSignificantBits());
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static float[] toFloats(double[] z) {
    float[] f = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      f[i] = (float) z[i];
    }
    return f;
  }
}
