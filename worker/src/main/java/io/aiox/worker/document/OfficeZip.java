package io.aiox.worker.document;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * The limits Apache POI applies while it unpacks an Office file, so a small file cannot inflate into gigabytes (a
 * ZIP bomb): no entry may be more than {@value #MAX_ENTRY_BYTES} bytes unpacked, nor inflate more than 100 times
 * (POI's own default caps a text run at 10 million characters). POI keeps these JVM-wide; only this package uses
 * POI.
 */
final class OfficeZip {
  static final long MAX_ENTRY_BYTES = 64L << 20;

  static {
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    ZipSecureFile.setMinInflateRatio(0.01);
  }

  private OfficeZip() {}

  /** Runs the static set-up once, before the first Office file is opened. */
  static void guard() {
    // the static initializer did the work
  }

  static DocumentUnreadable unreadable(String name, String kind, Exception e) {
    if (e instanceof DocumentUnreadable u) {
      return u;
    }
    return new DocumentUnreadable(name + " is not a " + kind + " document that can be read: " + e.getMessage());
  }
}
