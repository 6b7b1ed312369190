package io.aiox.policy.crypto;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/** Runs asynchronous steps one after another: a rotation must not flood the database with one owner's rows. */
final class Sequence {
  private Sequence() {}

  /** Applies {@code step} to each item in turn and adds up the counts. */
  static <T> Future<Integer> sum(List<T> items, Function<T, Future<Integer>> step) {
    Future<Integer> total = Future.succeededFuture(0);
    for (T item : items) {
      total = total.compose(n -> step.apply(item).map(m -> n + m));
    }
    return total;
  }
}
