package io.aiox.component.xmpp.roster;

import io.aiox.component.xmpp.AdminApi;
import io.aiox.component.xmpp.routing.AgentDirectory;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.presence.SubscriberRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The one entry point for "an agent was created, changed or deleted" as its users' rosters see it; the operator CLI
 * and the self-service ad-hoc commands both call it after the database change. Each member (see {@link RosterMembers})
 * gets a roster item with subscription {@code both} in the group {@value #GROUP}, pushed to their online clients by
 * ejabberd, and is recorded as a presence subscriber, so the component's announcements reach them. Then a probe in
 * their name makes the component (whichever instance ejabberd picks) answer with the agent's available presence, so
 * the agent shows online at once, and only while a component really serves it.
 */
public final class AgentRosters {
  public static final String GROUP = "Agents";

  private final Vertx vertx;
  private final AdminApi api;
  private final String hubDomain;
  private final UserRepository users;
  private final SubscriberRepository subscribers;

  public AgentRosters(Vertx vertx, AdminApi api, String hubDomain, UserRepository users,
                      SubscriberRepository subscribers) {
    this.vertx = vertx;
    this.api = api;
    this.hubDomain = hubDomain;
    this.users = users;
    this.subscribers = subscribers;
  }

  /** A new agent: into its members' rosters, online. */
  public Future<Void> added(Agent agent) {
    return members(agent).compose(members -> each(agent, members, this::add)
        .compose(v -> each(agent, members, this::probe)));
  }

  /** A deleted agent: out of its members' rosters (a roster push with subscription {@code remove}). */
  public Future<Void> removed(Agent agent) {
    return members(agent).compose(members -> each(agent, members, this::remove));
  }

  /**
   * A renamed agent, or one whose visibility or shared list changed: those no longer admitted lose it, the others
   * get it (again, with the new name). The component may still hold the agent as it was for the lifetime of its
   * directory entries ({@link AgentDirectory#TTL_MILLIS}) and would refuse a newcomer's probe until then, so
   * newcomers are probed after that time.
   */
  public Future<Void> changed(Agent before, Agent after) {
    return members(before).compose(old -> members(after).compose(now -> {
      Set<String> gone = new LinkedHashSet<>(old);
      gone.removeAll(now);
      Set<String> newcomers = new LinkedHashSet<>(now);
      newcomers.removeAll(old);
      return each(after, gone, this::remove).compose(v -> each(after, now, this::add))
          .compose(v -> newcomers.isEmpty() ? Future.succeededFuture()
              : vertx.timer(AgentDirectory.TTL_MILLIS + 500).compose(t -> each(after, newcomers, this::probe)));
    }));
  }

  private Future<Set<String>> members(Agent agent) {
    return users.findById(agent.owner()).map(owner -> RosterMembers.of(agent,
        owner.map(User::xmppJid).orElseThrow(() -> new IllegalStateException("agent " + agent.jid()
            + " has no owner row")), hubDomain));
  }

  /** One member after the other: a refusal stops there and names the member. */
  private static Future<Void> each(Agent agent, Set<String> members, BiFunction<Agent, String, Future<Void>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (String member : members) {
      chain = chain.compose(v -> step.apply(agent, member).recover(e -> Future.failedFuture(
          new IllegalStateException("for " + member + ": " + e.getMessage(), e))));
    }
    return chain;
  }

  private Future<Void> add(Agent agent, String member) {
    JsonObject item = item(agent, member).put("nick", agent.name()).put("group", GROUP).put("subs", "both");
    return blocking("add_rosteritem", item).compose(v -> subscribers.add(agent, member)).mapEmpty();
  }

  /** A probe in the member's name: the component answers it with the agent's presence (RFC 6121 section 4.3). */
  private Future<Void> probe(Agent agent, String member) {
    return blocking("send_stanza", new JsonObject().put("from", member).put("to", agent.jid().toString())
        .put("stanza", "<presence type='probe'/>"));
  }

  private Future<Void> remove(Agent agent, String member) {
    return blocking("delete_rosteritem", item(agent, member))
        .compose(v -> subscribers.remove(agent, member)).mapEmpty();
  }

  private static JsonObject item(Agent agent, String member) {
    int at = member.indexOf('@');
    return new JsonObject().put("localuser", member.substring(0, at)).put("localhost", member.substring(at + 1))
        .put("user", agent.jid().toString().substring(0, agent.jid().toString().indexOf('@')))
        .put("host", agent.jid().domain());
  }

  private Future<Void> blocking(String command, JsonObject arguments) {
    return vertx.executeBlocking(() -> api.call(command, arguments), false).mapEmpty();
  }
}
