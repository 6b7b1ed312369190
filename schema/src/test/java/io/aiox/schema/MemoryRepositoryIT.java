package io.aiox.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.memory.AgentRef;
import io.aiox.schema.memory.Memory;
import io.aiox.schema.memory.MemoryId;
import io.aiox.schema.memory.MemoryKind;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.memory.NewMemory;
import io.aiox.schema.memory.RecallQuery;
import io.aiox.schema.memory.RecalledMemory;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant isolation of long-term memory: two owners whose agents hold near-identical memories. Recall for owner A
 * must never return owner B's rows, whether through the repository (exact and HNSW paths), through hand-written SQL
 * in a session of the hub's role, or for a deleted agent.
 */
@ExtendWith(RealServers.class)
class MemoryRepositoryIT {
  private static final int MEMORIES = 40;
  private static TestDatabase db;
  private static MemoryRepository memories;
  private static MemoryRepository hnswOnly;
  private static AgentRepository agents;
  private static User alice;
  private static User bob;
  private static Agent alicesAgent;
  private static Agent bobsAgent;
  private static float[] shared;

  @BeforeAll
  static void twoOwnersWithNearIdenticalMemories(TestServers servers) {
    db = TestDatabase.create(servers);
    memories = new MemoryRepository(db.database.ownerScope());
    hnswOnly = new MemoryRepository(db.database.ownerScope(), 0, 40); // every agent is "large": the index path
    UserRepository users = new UserRepository(db.database.ownerScope());
    agents = new AgentRepository(db.database.ownerScope(), "agents.hub.test");
    alice = users.create("alice", "alice@hub.test").await();
    bob = users.create("bob", "bob@hub.test").await();
    alicesAgent = agents.create(alice.id(), NewAgent.named("alice-helper", Visibility.PRIVATE)).await();
    bobsAgent = agents.create(bob.id(), NewAgent.named("bob-helper", Visibility.PRIVATE)).await();
    Random random = new Random(7);
    shared = unit(random);
    for (int i = 0; i < MEMORIES; i++) {
      float[] base = i == 0 ? shared : unit(random);
      memories.add(alice.id(), alicesAgent.id(), List.of(fact("alice " + i, near(base, random)))).await();
      memories.add(bob.id(), bobsAgent.id(), List.of(fact("bob " + i, near(base, random)))).await();
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void recall_for_owner_a_returns_only_owner_as_memories_on_the_exact_and_the_index_path() {
    for (MemoryRepository repo : List.of(memories, hnswOnly)) {
      List<RecalledMemory> found = repo.recall(alice.id(), alicesAgent.id(), new RecallQuery(shared, 10, -1, null))
          .await();
      assertThat(found).hasSize(10);
      assertThat(found).allSatisfy(m -> assertThat(m.memory().content()).startsWith("alice "));
      assertThat(found.get(0).memory().content()).isEqualTo("alice 0");
      assertThat(found.get(0).score()).isGreaterThan(0.99);
      assertThat(found).extracting(RecalledMemory::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }
  }

  @Test
  void naming_owner_a_with_owner_bs_agent_or_the_reverse_recalls_nothing() {
    RecallQuery q = new RecallQuery(shared, 10, -1, null);
    assertThat(memories.recall(alice.id(), bobsAgent.id(), q).await()).isEmpty();
    assertThat(hnswOnly.recall(alice.id(), bobsAgent.id(), q).await()).isEmpty();
    assertThat(memories.list(alice.id(), bobsAgent.id(), 100).await()).isEmpty();
    assertThat(memories.delete(alice.id(), bobsAgent.id(), ids(bob, bobsAgent)).await()).isZero();
    assertThat(memories.count(bob.id(), bobsAgent.id()).await()).isEqualTo(MEMORIES);
  }

  @Test
  void a_memory_cannot_be_written_for_another_owners_agent() {
    List<MemoryId> ids = memories.add(alice.id(), bobsAgent.id(), List.of(fact("planted", shared))).await();
    assertThat(ids).isEmpty();
    assertThat(memories.count(bob.id(), bobsAgent.id()).await()).isEqualTo(MEMORIES);
  }

  @Test
  void the_minimum_score_leaves_out_weak_matches() {
    List<RecalledMemory> found = memories.recall(alice.id(), alicesAgent.id(), new RecallQuery(shared, 10, 0.9, null))
        .await();
    assertThat(found).extracting(m -> m.memory().content()).containsExactly("alice 0");
  }

  @Test
  void a_hub_role_session_acting_for_owner_a_sees_no_row_of_owner_b_whatever_the_sql() throws SQLException {
    try (Connection c = actingAs(alice)) {
      assertThat(strings(c, "SELECT content FROM agent_memories ORDER BY embedding <=> '" + text(shared)
          + "'::vector LIMIT 1000")).hasSizeGreaterThanOrEqualTo(MEMORIES)
          .noneSatisfy(s -> assertThat(s).startsWith("bob "));
      assertThat(strings(c, "SELECT content FROM agent_memories WHERE owner_user_id = '" + bob.id() + "'")).isEmpty();
      assertThat(strings(c, "SELECT content FROM aiox_memory_recall('" + bob.id() + "', '" + bobsAgent.id()
          + "', NULL, '" + text(shared) + "'::vector, 10, -1, 5000, 40)")).isEmpty();
      assertThat(strings(c, "SELECT content FROM aiox_memory_recall('" + bob.id() + "', '" + bobsAgent.id()
          + "', NULL, '" + text(shared) + "'::vector, 10, -1, 0, 40)")).isEmpty();
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL enable_indexscan = off"); // a sequential scan is filtered too, not only the indexes
      }
      assertThat(strings(c, "SELECT content FROM agent_memories WHERE content LIKE 'bob%'")).isEmpty();
    }
  }

  @Test
  void a_hub_role_session_without_an_owner_recalls_nothing() throws SQLException {
    try (Connection c = db.hubJdbc()) {
      assertThat(strings(c, "SELECT content FROM aiox_memory_recall('" + alice.id() + "', '" + alicesAgent.id()
          + "', NULL, '" + text(shared) + "'::vector, 10, -1, 5000, 40)")).isEmpty();
      assertThat(strings(c, "SELECT owner_user_id::text FROM aiox_memory_retention_due(now(), 10)")).isEmpty();
    }
  }

  @Test
  void the_hub_role_cannot_plant_a_memory_in_owner_bs_name() throws SQLException {
    try (Connection c = actingAs(alice); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO agent_memories (id, owner_user_id, agent_id, content,"
          + " embedding) VALUES (gen_random_uuid(), '" + bob.id() + "', '" + bobsAgent.id() + "', 'planted', '"
          + text(shared) + "')")).hasMessageContaining("row-level security");
    }
  }

  @Test
  void a_deleted_agents_memories_are_not_recalled_and_the_retention_sweep_removes_them_later() throws SQLException {
    Agent doomed = agents.create(alice.id(), NewAgent.named("doomed", Visibility.PRIVATE)).await();
    memories.add(alice.id(), doomed.id(), List.of(fact("doomed 1", shared), fact("doomed 2", shared))).await();
    assertThat(memories.recall(alice.id(), doomed.id(), new RecallQuery(shared, 5, -1, null)).await()).hasSize(2);

    assertThat(agents.softDelete(alice.id(), doomed.id()).await()).isTrue();
    assertThat(memories.recall(alice.id(), doomed.id(), new RecallQuery(shared, 5, -1, null)).await()).isEmpty();
    assertThat(hnswOnly.recall(alice.id(), doomed.id(), new RecallQuery(shared, 5, -1, null)).await()).isEmpty();
    assertThat(memories.add(alice.id(), doomed.id(), List.of(fact("after death", shared))).await()).isEmpty();

    Instant beforeDeletion = Instant.now().minus(Duration.ofHours(1));
    assertThat(memories.retentionDue(beforeDeletion, 10).await()).isEmpty();
    assertThat(memories.purge(alice.id(), doomed.id(), beforeDeletion, 100).await()).isZero();
    assertThat(memories.purge(alice.id(), alicesAgent.id(), Instant.now().plusSeconds(60), 100).await())
        .as("a live agent is never purged").isZero();

    Instant later = Instant.now().plusSeconds(1);
    assertThat(memories.retentionDue(later, 10).await()).containsExactly(new AgentRef(alice.id(), doomed.id()));
    assertThat(memories.purge(bob.id(), doomed.id(), later, 100).await()).as("another owner's scope").isZero();
    assertThat(memories.purge(alice.id(), doomed.id(), later, 1).await()).isEqualTo(1);
    assertThat(memories.purge(alice.id(), doomed.id(), later, 100).await()).isEqualTo(1);
    assertThat(memories.retentionDue(later, 10).await()).isEmpty();
    try (Connection c = db.adminJdbc()) {
      assertThat(strings(c, "SELECT content FROM agent_memories WHERE agent_id = '" + doomed.id() + "'")).isEmpty();
    }
  }

  @Test
  void the_owner_lists_and_deletes_memories_by_id_and_by_source() {
    Agent notes = agents.create(alice.id(), NewAgent.named("notes", Visibility.PRIVATE)).await();
    List<MemoryId> ids = memories.add(alice.id(), notes.id(), List.of(fact("one", shared), fact("two", shared),
        new NewMemory(MemoryKind.DOCUMENT, "handbook.pdf", "chunk", shared, null))).await();
    List<Memory> listed = memories.list(alice.id(), notes.id(), 10).await();
    assertThat(listed).extracting(Memory::id).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(memories.delete(alice.id(), notes.id(), List.of(ids.get(0))).await()).isEqualTo(1);
    assertThat(memories.deleteSource(alice.id(), notes.id(), "handbook.pdf").await()).isEqualTo(1);
    assertThat(memories.list(alice.id(), notes.id(), 10).await()).extracting(Memory::content).containsExactly("two");
    assertThat(memories.deleteAll(alice.id(), notes.id()).await()).isEqualTo(1);
  }

  @Test
  void conversation_memories_are_recalled_only_for_the_peer_they_were_made_with() {
    Agent shop = agents.create(alice.id(), NewAgent.named("shop", Visibility.PUBLIC)).await();
    memories.add(alice.id(), shop.id(), List.of(
        new NewMemory(MemoryKind.TURN, "chat", "carol's order", shared, new JsonObject().put("peer", "carol@x.test")),
        new NewMemory(MemoryKind.SUMMARY, "chat", "dave's order", shared, new JsonObject().put("peer", "dave@x.test")),
        new NewMemory(MemoryKind.FACT, "owner", "opening hours", shared, null))).await();
    for (MemoryRepository repo : List.of(memories, hnswOnly)) {
      assertThat(repo.recall(alice.id(), shop.id(), new RecallQuery(shared, 10, -1, "carol@x.test")).await())
          .extracting(m -> m.memory().content()).containsExactlyInAnyOrder("carol's order", "opening hours");
      assertThat(repo.recall(alice.id(), shop.id(), new RecallQuery(shared, 10, -1, null)).await())
          .extracting(m -> m.memory().content()).containsExactly("opening hours");
    }
  }

  private static List<MemoryId> ids(User owner, Agent agent) {
    return memories.list(owner.id(), agent.id(), 1_000).await().stream().map(Memory::id).toList();
  }

  private static NewMemory fact(String content, float[] embedding) {
    return new NewMemory(MemoryKind.FACT, "test", content, embedding, null);
  }

  private static float[] unit(Random random) {
    float[] v = new float[NewMemory.DIMENSIONS];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return normalize(v);
  }

  /** The same direction with a little noise: what two owners telling their agents the same thing looks like. */
  private static float[] near(float[] base, Random random) {
    float[] v = base.clone();
    for (int i = 0; i < v.length; i++) {
      v[i] += (float) (random.nextGaussian() * 0.002);
    }
    return normalize(v);
  }

  private static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private static String text(float[] v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ",").append(v[i]);
    }
    return b.append(']').toString();
  }

  /** A JDBC session of the hub role acting for {@code owner}, in an open transaction. */
  private static Connection actingAs(User owner) throws SQLException {
    Connection c = db.hubJdbc();
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("SELECT set_config('aiox.owner_id', ?, true)")) {
      ps.setString(1, owner.id().toString());
      ps.execute();
    }
    return c;
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

}
