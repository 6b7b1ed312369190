package io.aiox.component.xmpp.xep0363;

import io.aiox.component.xmpp.chat.ChatStanzas;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.component.xmpp.xep0050.AdHocCommands;
import io.aiox.schema.agent.Agent;
import io.aiox.worker.memory.MemoryClient;
import io.aiox.worker.memory.MemoryFailure;
import io.aiox.worker.memory.MemorySettings;
import io.aiox.worker.memory.TrustedUploads;
import java.util.Optional;
import java.util.function.Consumer;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;

/**
 * rfc section 6.3: a file sent to an agent goes into its long-term memory, as the owner's "Add document" command
 * would add it (same rule: the owner only; same fetch, limits and audit entry, by the memory service), and the
 * sender is told what came of it: a chat message on success, an error with the reason otherwise.
 */
public final class FilesToMemory {
  private final MemoryClient memory;
  private final TrustedUploads uploads;
  private final Consumer<Packet> out;

  public FilesToMemory(MemoryClient memory, TrustedUploads uploads, Consumer<Packet> out) {
    this.memory = memory;
    this.uploads = uploads;
    this.out = out;
  }

  /** The file the message carries, if it is one: then {@link #take} it instead of running a turn. */
  public Optional<SentFile> file(Message message) {
    return SentFile.of(message, uploads);
  }

  public void take(Message message, Target target, SentFile file) {
    Agent agent = target.agent().orElseThrow();
    if (!AdHocCommands.mayRun(target)) {
      out.accept(StanzaErrors.reply(message, Condition.forbidden, "only the agent's owner may add files to its"
          + " memory; " + file.name() + " was not taken"));
      return;
    }
    if (!longTerm(agent)) {
      out.accept(StanzaErrors.reply(message, Condition.not_allowed, "the agent's long-term memory is off, so "
          + file.name() + " was not remembered; turn memory on in the agent's settings, then send it again"));
      return;
    }
    memory.addDocumentFromUrl(agent.owner(), agent.id(), file.url(), target.senderBareJid()).onComplete(r -> {
      if (r.succeeded()) {
        int n = r.result();
        out.accept(ChatStanzas.answer(message, "remembered " + file.name() + ": " + n
            + (n == 1 ? " passage" : " passages")));
      } else {
        out.accept(refusal(message, r.cause(), file.name() + " was not remembered: " + r.cause().getMessage()));
      }
    });
  }

  private static boolean longTerm(Agent agent) {
    try {
      return MemorySettings.of(agent.memoryConfig()).longTerm();
    } catch (IllegalArgumentException e) {
      return false; // a memory_config the turns refuse too
    }
  }

  /** As the memory commands map them: the network rule or a size limit is a policy violation. */
  private static Packet refusal(Message message, Throwable e, String text) {
    if (!(e instanceof MemoryFailure f)) {
      return StanzaErrors.reply(message, Condition.internal_server_error, text);
    }
    return switch (f.kind()) {
      case DENIED -> StanzaErrors.policyViolation(message, text);
      case NOT_FOUND -> StanzaErrors.reply(message, Condition.item_not_found, text);
      case INVALID -> StanzaErrors.reply(message, Condition.not_acceptable, text);
      case UNAVAILABLE -> StanzaErrors.reply(message, Condition.service_unavailable, text);
    };
  }
}
