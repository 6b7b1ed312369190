package io.aiox.testkit;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one {@link TestServers} per test JVM, shared by every test class that uses the extension,
 * stopped when the JVM's test run ends (even when tests fail). Inject it as a parameter:
 * <pre>{@code @ExtendWith(RealServers.class) class FooIT { @BeforeAll static void up(TestServers servers) {...} }}</pre>
 */
public final class RealServers implements ParameterResolver, AfterTestExecutionCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealServers.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestServers.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return servers(context);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      servers(context).keepLogs();
    }
  }

  private static TestServers servers(ExtensionContext context) {
    return context.getRoot().getStore(NS).getOrComputeIfAbsent(Holder.class, k -> new Holder(), Holder.class).servers;
  }

  /** Closed by JUnit when the root context closes, that is when the test JVM's run ends. */
  private static final class Holder implements AutoCloseable {
    private final TestServers servers = new TestServers();

    @Override
    public void close() {
      servers.close();
    }
  }
}
