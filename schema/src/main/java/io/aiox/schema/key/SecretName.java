package io.aiox.schema.key;

import java.util.regex.Pattern;

/**
 * The name of an owner-level secret, such as {@code provider.openai} or {@code tool.web-search}: lower-case
 * letters, digits and {@code . _ : -}, at most 128 characters (the database checks the same pattern).
 */
public record SecretName(String value) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,127}");

  public SecretName {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException("a secret name is 1-128 lower-case letters, digits, '.', '_', ':' or '-'"
          + " starting with a letter or digit, was " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
