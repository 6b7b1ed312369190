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
 * the turn a slot, refuses it as {@link EngineFailure.Kind#BUSY} (text with "retry after N s") when the queue has no
 * place for it, and takes it out of the queue when it is cancelled while waiting ({@link TurnWithdrawn}). A waiting
 * turn that gives its place to another owner's is refused as busy the same way. Each turn that ends hands its slot
 * to the next by score. A woken or refused waiting turn continues on the context it was submitted from.
 */
public final class QosGate {
  private final QosQueue<Waiter> queue;
  private volatile Runnable changed = () -> {};

  public QosGate(QosQueue<Waiter> queue) {
    this.queue = queue;
  }

  /** Told after every change of the turns running or waiting (a worker announces its load so); before use. */
  public QosGate onChange(Runnable changed) {
    this.changed = changed;
    return this;
  }

  public QosQueue<Waiter> queue() {
    return queue;
  }

  public <T> Future<T> submit(TurnTraits traits, Cancellation cancel, Supplier<Future<T>> work) {
    Waiter waiter = new Waiter(Promise.promise(), Vertx.currentContext());
    QosQueue.Ticket<Waiter> ticket;
    QosQueue.Admission<Waiter> admission = queue.offer(traits, waiter);
    changed.run();
    switch (admission) {
      case QosQueue.Refuse<Waiter> refused -> {
        return Future.failedFuture(busy(refused));
      }
      case QosQueue.Run<Waiter> run -> {
        return run(run.ticket(), work);
      }
      case QosQueue.Wait<Waiter> wait -> ticket = wait.ticket();
      case QosQueue.Displace<Waiter> displace -> {
        displace.displaced().payload().refuse(busy(displace.refusal()));
        ticket = displace.ticket();
      }
    }
    cancel.onCancel(() -> {
      if (queue.withdraw(ticket)) {
        changed.run();
        waiter.admitted.tryFail(new TurnWithdrawn(cancel.reason()));
      }
    });
    return waiter.admitted.future().compose(v -> run(ticket, work));
  }

  private static EngineFailure busy(QosQueue.Refuse<Waiter> refused) {
    return new EngineFailure(EngineFailure.Kind.BUSY, refused.text());
  }

  private <T> Future<T> run(QosQueue.Ticket<Waiter> ticket, Supplier<Future<T>> work) {
    Future<T> done;
    try {
      done = work.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.andThen(r -> {
      queue.finish(ticket).ifPresent(next -> next.payload().wake());
      changed.run();
    });
  }

  /** How a waiting turn is woken or refused: its promise, completed on the context the turn came from. */
  public static final class Waiter {
    private final Promise<Void> admitted;
    private final Context context;

    private Waiter(Promise<Void> admitted, Context context) {
      this.admitted = admitted;
      this.context = context;
    }

    private void wake() {
      onContext(admitted::tryComplete);
    }

    private void refuse(EngineFailure busy) {
      onContext(() -> admitted.tryFail(busy));
    }

    private void onContext(Runnable r) {
      if (context == null || Vertx.currentContext() == context) {
        r.run();
      } else {
        context.runOnContext(v -> r.run());
      }
    }
  }
}
