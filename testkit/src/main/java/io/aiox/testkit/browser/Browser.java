package io.aiox.testkit.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium with its own fresh profile, driven by Debian's chromedriver (which listens on loopback
 * only). Names other than loopback ones do not resolve in it, so a page cannot send anything off the machine.
 * {@link #keep} writes what a person needs to see why a test failed: a screenshot, the page's HTML and its
 * console log. Paths: {@code -Daiox.chromium} (default {@code /usr/bin/chromium}), {@code -Daiox.chromedriver}
 * (default {@code /usr/bin/chromedriver}).
 */
public final class Browser implements AutoCloseable {
  /** How long {@link #waitFor} waits unless told otherwise. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  private final String name;
  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private Browser(String name, Path profile, ChromeDriverService service, ChromeDriver driver) {
    this.name = name;
    this.profile = profile;
    this.service = service;
    this.driver = driver;
  }

  /** Starts a browser named {@code name} (the name of its files when kept). */
  public static Browser start(String name) {
    Path chromium = executable("aiox.chromium", "/usr/bin/chromium", "chromium");
    Path chromedriver = executable("aiox.chromedriver", "/usr/bin/chromedriver", "chromium-driver");
    Path profile;
    try {
      profile = Files.createTempDirectory("aiox-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage", "--no-proxy-server",
        "--metrics-recording-only", "--password-store=basic", "--window-size=1360,1000",
        // Only loopback names resolve: nothing the page does can leave the machine, DNS included.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort()
        .withLogFile(profile.resolve("chromedriver.log").toFile())
        .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
      return new Browser(name, profile, service, driver);
    } catch (RuntimeException e) {
      service.stop();
      delete(profile);
      throw e;
    }
  }

  private static Path executable(String property, String fallback, String debianPackage) {
    Path p = Path.of(System.getProperty(property, fallback));
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p + " is missing: install Debian's " + debianPackage
          + " (./aiox test installs the test packages) or set -D" + property);
    }
    return p;
  }

  public String name() {
    return name;
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Waits until {@code condition} holds (a non-null, non-false value), up to {@link #WAIT}. */
  public <T> T waitFor(Function<WebDriver, T> condition) {
    return waitFor(WAIT, condition);
  }

  public <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition::apply);
  }

  /** The visible element matching {@code css}, once it is there. */
  public WebElement visible(String css) {
    return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css))::apply);
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Clears the field matching {@code css} and types {@code text} into it. */
  public void type(String css, String text) {
    WebElement field = visible(css);
    field.clear();
    field.sendKeys(text);
  }

  public void click(String css) {
    waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector(css))::apply).click();
  }

  /** A PNG of the window as it is now. */
  public void screenshot(Path png) {
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's console messages since the last call (Chromium hands each out once). */
  public List<String> consoleLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
  }

  /**
   * Writes {@code <label>-<name>.png}, {@code .html} (the page as it is now) and {@code .console.log} (the page's
   * console and the address it was at) into {@code dir}; best effort, for a test that failed.
   */
  public void keep(Path dir, String label) {
    String base = label + "-" + name;
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(base + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(dir.resolve(base + ".html"), driver.getPageSource());
      Files.writeString(dir.resolve(base + ".console.log"), "url: " + driver.getCurrentUrl() + "\n"
          + String.join("\n", consoleLog()) + "\n");
      File driverLog = profile.resolve("chromedriver.log").toFile();
      if (driverLog.isFile()) {
        Files.copy(driverLog.toPath(), dir.resolve(base + ".chromedriver.log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("could not keep the browser " + name + "'s state in " + dir + ": " + e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      delete(profile);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a profile left in the temporary folder is harmless
    }
  }
}
