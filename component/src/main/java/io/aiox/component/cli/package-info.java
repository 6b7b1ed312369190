/**
 * Operator commands ({@code ./aiox user ...}, {@code ./aiox agent ...}): scriptable output with {@code --json},
 * a non-zero exit and one clear line on bad input.
 */
package io.aiox.component.cli;
