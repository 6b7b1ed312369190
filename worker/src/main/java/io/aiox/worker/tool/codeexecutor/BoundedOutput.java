package io.aiox.worker.tool.codeexecutor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a program wrote to one stream: the first bytes up to a cap, and how many it wrote in all. The rest is read
 * and dropped, so a program that writes without end does not block on a full pipe before its limits stop it.
 */
record BoundedOutput(byte[] kept, long total) {
  /** Reads {@code in} to its end, keeping the first {@code cap} bytes; a read error ends the stream. */
  static BoundedOutput drain(InputStream in, int cap) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(cap, 8_192));
    byte[] buffer = new byte[8_192];
    long total = 0;
    try (in) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        kept.write(buffer, 0, (int) Math.max(0, Math.min(n, cap - total)));
        total += n;
      }
    } catch (IOException e) {
      // the process is gone and its pipe with it: what was read is what it wrote
    }
    return new BoundedOutput(kept.toByteArray(), total);
  }

  boolean truncated() {
    return total > kept.length;
  }

  /** The kept bytes as UTF-8 (a character cut at the cap becomes U+FFFD), with a marker when cut. */
  String text() {
    String text = new String(kept, StandardCharsets.UTF_8);
    return truncated() ? text + "\n[output truncated: " + kept.length + " of " + total + " bytes shown]" : text;
  }
}
