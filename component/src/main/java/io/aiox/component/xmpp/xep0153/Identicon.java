package io.aiox.component.xmpp.xep0153;

import io.aiox.schema.id.AgentId;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.imageio.ImageIO;

/**
 * A small PNG drawn from an agent's id: a 5×5 grid mirrored left to right, cells and colour taken from the id's
 * SHA-256, so every instance of the component draws the same picture (and presence carries the same hash) without
 * storing it.
 */
public final class Identicon {
  static final int CELLS = 5;
  static final int CELL = 12;
  static final int MARGIN = 6;
  public static final int SIZE = CELLS * CELL + 2 * MARGIN;

  private Identicon() {}

  public static byte[] png(AgentId id) {
    byte[] hash = sha256(id.toString());
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(new Color(0xF0, 0xF0, 0xF0));
      g.fillRect(0, 0, SIZE, SIZE);
      g.setColor(Color.getHSBColor((hash[0] & 0xFF) / 255f, 0.55f, 0.75f));
      for (int row = 0; row < CELLS; row++) {
        for (int col = 0; col < (CELLS + 1) / 2; col++) {
          if ((hash[1 + row * 3 + col] & 1) == 1) {
            g.fillRect(MARGIN + col * CELL, MARGIN + row * CELL, CELL, CELL);
            g.fillRect(MARGIN + (CELLS - 1 - col) * CELL, MARGIN + row * CELL, CELL, CELL);
          }
        }
      }
    } finally {
      g.dispose();
    }
    return encode(image);
  }

  private static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory: only a broken JDK gets here
    }
    return png.toByteArray();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
