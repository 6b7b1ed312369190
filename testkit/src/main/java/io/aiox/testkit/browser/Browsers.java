package io.aiox.testkit.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension for browser tests ({@code @RegisterExtension final Browsers browsers = new Browsers();}): the
 * browsers a test {@linkplain #start starts} are closed after it, and when it failed each one's screenshot, page and
 * console log are kept under {@code target/browser-failures/} (named {@code <class>.<method>-<browser>.*}).
 */
public final class Browsers implements AfterTestExecutionCallback, AfterEachCallback {
  /** Where failed tests' browser states are kept. */
  public static final Path FAILURES = Path.of("target", "browser-failures");

  private final List<Browser> open = new ArrayList<>();

  /** A new browser with a fresh profile, closed after the test. */
  public synchronized Browser start(String name) {
    Browser b = Browser.start(name);
    open.add(b);
    return b;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      String label = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
      synchronized (this) {
        open.forEach(b -> b.keep(FAILURES, label));
      }
      System.err.println("browser state of the failed test " + label + " kept in " + FAILURES.toAbsolutePath());
    }
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    for (Browser b : open) {
      try {
        b.close();
      } catch (RuntimeException e) {
        System.err.println("closing the browser " + b.name() + " failed: " + e);
      }
    }
    open.clear();
  }
}
