package io.aiox.worker.tool.codeexecutor;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.schema.id.OwnerId;
import io.aiox.worker.tool.Tool;
import io.aiox.worker.tool.ToolFailed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code code_executor}: runs a Python program in the sandbox {@link SandboxCommand} describes and returns its exit
 * status and output. A program that ends by itself, however badly, is a result ({@code exit_code}, {@code stdout},
 * {@code stderr}); one the limits stopped (wall time, CPU time) is a failure saying which limit. The agent's policy
 * may shorten the wall time ({@code timeout_seconds}) and the output ({@code max_response_bytes}), never lengthen
 * them past the operator's configuration. Whether a sandbox can run is settled when the tool is built; without one
 * the tool reports itself unsandboxed, so the policy gate refuses every call before anyone is asked to approve it.
 */
public final class CodeExecutorTool implements Tool {
  private static final Logger LOG = Logger.getLogger(CodeExecutorTool.class.getName());

  private final ToolDefinition definition = ToolCatalog.find(ToolCatalog.CODE_EXECUTOR).orElseThrow();
  private final CodeExecutorConfig config;
  private final Optional<String> unavailable;
  private final SandboxRunner runner;

  public CodeExecutorTool(Vertx vertx, CodeExecutorConfig config) {
    this.config = config;
    this.unavailable = SandboxCheck.problem(config);
    this.runner = new SandboxRunner(vertx, config);
    unavailable.ifPresent(why -> LOG.warning(() -> "code_executor cannot run programs: " + why));
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public boolean sandboxed() {
    return unavailable.isEmpty();
  }

  /** Why programs cannot run on this hub, or empty. */
  public Optional<String> unavailable() {
    return unavailable;
  }

  @Override
  public Future<JsonObject> execute(OwnerId owner, JsonObject args, ToolPolicy policy) {
    if (unavailable.isPresent()) {
      return Future.failedFuture(new ToolFailed("code_executor: no sandbox: " + unavailable.get()));
    }
    Duration wall = Duration.ofSeconds(Math.min(config.wallSeconds(), policy.timeout().toSeconds()));
    int cap = Math.min(config.maxOutputBytes(), policy.maxResponseBytes());
    byte[] program = args.getString("code").getBytes(StandardCharsets.UTF_8);
    return runner.run(program, wall, cap).compose(run -> outcome(run, wall));
  }

  private Future<JsonObject> outcome(ProgramRun run, Duration wall) {
    if (run.wallTimeout()) {
      return fail("the program ran longer than the wall-time limit of " + wall.toSeconds() + " s and was stopped");
    }
    if (run.exitCode() == ProgramRun.SIGXCPU_EXIT || run.exitCode() == ProgramRun.SIGKILL_EXIT) {
      return fail("the program was stopped at its CPU-time limit of " + config.cpuSeconds() + " s"
          + (run.exitCode() == ProgramRun.SIGKILL_EXIT ? " (or killed for want of memory)" : ""));
    }
    Optional<String> setup = SetupFailure.of(run);
    if (setup.isPresent()) {
      return fail("the sandbox could not start: " + setup.get());
    }
    return Future.succeededFuture(new JsonObject().put("exit_code", run.exitCode())
        .put("stdout", run.stdout().text()).put("stderr", run.stderr().text())
        .put("stdout_truncated", run.stdout().truncated()).put("stderr_truncated", run.stderr().truncated())
        .put("duration_ms", run.elapsed().toMillis()));
  }

  private static Future<JsonObject> fail(String why) {
    return Future.failedFuture(new ToolFailed("code_executor: " + why));
  }

  /** The audit keeps the exit status and sizes, not the output. */
  @Override
  public JsonObject auditSummary(JsonObject result) {
    JsonObject summary = result.copy();
    summary.remove("stdout");
    summary.remove("stderr");
    return summary.put("stdout_chars", result.getString("stdout", "").length())
        .put("stderr_chars", result.getString("stderr", "").length());
  }
}
