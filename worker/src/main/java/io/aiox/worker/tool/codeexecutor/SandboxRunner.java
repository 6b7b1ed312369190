package io.aiox.worker.tool.codeexecutor;

import io.aiox.worker.tool.ToolFailed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts sandboxed programs and watches them without holding an event loop: the start, the program's stdin and
 * its two output streams each take a thread of a worker pool of the tool's own; the exit arrives through the
 * process API, and a timer kills the program and everything below it at the wall-time limit. At most
 * {@code max_concurrent} programs run at once.
 */
final class SandboxRunner {
  /** The start, stdin, stdout and stderr of each running program. */
  private static final int THREADS_PER_RUN = 4;

  private final Vertx vertx;
  private final CodeExecutorConfig config;
  private final WorkerExecutor pool;
  private final AtomicInteger running = new AtomicInteger();

  SandboxRunner(Vertx vertx, CodeExecutorConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.pool = vertx.createSharedWorkerExecutor("aiox-code-executor", THREADS_PER_RUN * config.maxConcurrent(),
        config.wallSeconds() + 60L, TimeUnit.SECONDS);
  }

  /** Runs {@code program} (fed on stdin) for at most {@code wall}, keeping {@code cap} bytes of each stream. */
  Future<ProgramRun> run(byte[] program, Duration wall, int cap) {
    if (running.incrementAndGet() > config.maxConcurrent()) {
      running.decrementAndGet();
      return Future.failedFuture(new ToolFailed("code_executor: " + config.maxConcurrent()
          + " programs are running already; try again when one has ended"));
    }
    return pool.executeBlocking(this::start, false)
        .compose(process -> watch(process, program, wall, cap))
        .andThen(r -> running.decrementAndGet());
  }

  private Process start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(SandboxCommand.argv(config));
    builder.environment().clear(); // nothing of the hub's environment (keys, database URLs) goes along
    return builder.start();
  }

  private Future<ProgramRun> watch(Process process, byte[] program, Duration wall, int cap) {
    long started = System.nanoTime();
    AtomicBoolean killed = new AtomicBoolean();
    long timer = vertx.setTimer(wall.toMillis(), id -> {
      if (process.isAlive()) {
        killed.set(true);
        kill(process);
      }
    });
    pool.executeBlocking(() -> feed(process.getOutputStream(), program), false);
    Future<BoundedOutput> out = pool.executeBlocking(() -> BoundedOutput.drain(process.getInputStream(), cap), false);
    Future<BoundedOutput> err = pool.executeBlocking(() -> BoundedOutput.drain(process.getErrorStream(), cap), false);
    Future<Process> exit = Future.fromCompletionStage(process.onExit(), vertx.getOrCreateContext());
    return Future.all(exit, out, err).andThen(r -> vertx.cancelTimer(timer)).map(r -> new ProgramRun(
        process.exitValue(), out.result(), err.result(), Duration.ofNanos(System.nanoTime() - started),
        killed.get()));
  }

  private static Void feed(OutputStream stdin, byte[] program) {
    try (stdin) {
      stdin.write(program);
    } catch (IOException e) {
      // the program ended before reading all of itself; its exit status and stderr say why
    }
    return null;
  }

  /** Everything below the sandbox first, so nothing is left behind; the PID namespace ends with bwrap anyway. */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
