/**
 * Real headless Chromium for browser tests, driven by Selenium through Debian's {@code chromium} and
 * {@code chromium-driver} (same build, so nothing is downloaded): each browser has a fresh profile, resolves no
 * name but loopback ones, and a failed test keeps its screenshots, page and console log under {@code target/}.
 */
package io.aiox.testkit.browser;
