package io.aiox.worker.inference.qos;

import io.aiox.worker.inference.Cancellation;
import io.aiox.worker.inference.EngineFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * A {@link QosQueue} in front of one engine, on Vert.x futures: {@link #submit} runs the work when the queue gives
 * the turn a slot, refuses it as {@link EngineFailure.Kind#BUSY} (text with "retry after N s") when the queue is
 * full, and takes it out of the queue when it is cancelled while waiting ({@link TurnWithdrawn}). Each turn that
 * ends hands its slot to the next by score. A woken turn starts on the context it was submitted from.
 */
public final class QosGate {
  private final QosQueue<Waiter> queue;

  public QosGate(QosQueue<Waiter> queue) {
    this.queue = queue;
  }

  public QosQueue<Waiter> queue() {
    return queue;
  }

  public <T> Future<T> submit(TurnTraits traits, Cancellation cancel, Supplier<Future<T>> work) {
    Waiter waiter = new Waiter(Promise.promise(), Vertx.currentContext());
    QosQueue.Admission<Waiter> admission = queue.offer(traits, waiter);
    if (admission instanceof QosQueue.Refuse<Waiter> refused) {
      return Future.failedFuture(new EngineFailure(EngineFailure.Kind.BUSY, refused.text()));
    }
    if (admission instanceof QosQueue.Run<Waiter> run) {
      return run(run.ticket(), work);
    }
    QosQueue.Ticket<Waiter> ticket = ((QosQueue.Wait<Waiter>) admission).ticket();
    cancel.onCancel(() -> {
      if (queue.withdraw(ticket)) {
        waiter.admitted.tryFail(new TurnWithdrawn(cancel.reason()));
      }
    });
    return waiter.admitted.future().compose(v -> run(ticket, work));
  }

  private <T> Future<T> run(QosQueue.Ticket<Waiter> ticket, Supplier<Future<T>> work) {
    Future<T> done;
    try {
      done = work.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.andThen(r -> queue.finish(ticket).ifPresent(next -> next.payload().wake()));
  }

  /** How a waiting turn is woken: its promise, completed on the context the turn came from. */
  public static final class Waiter {
    private final Promise<Void> admitted;
    private final Context context;

    private Waiter(Promise<Void> admitted, Context context) {
      this.admitted = admitted;
      this.context = context;
    }

    private void wake() {
      if (context == null || Vertx.currentContext() == context) {
        admitted.tryComplete();
      } else {
        context.runOnContext(v -> admitted.tryComplete());
      }
    }
  }
}
