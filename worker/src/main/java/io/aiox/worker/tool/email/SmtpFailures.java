package io.aiox.worker.tool.email;

import io.aiox.worker.tool.ToolFailed;
import io.vertx.ext.mail.SMTPException;

/** Turns what the mail client failed with into a text for the caller: the server's reply, or the root cause. */
final class SmtpFailures {
  private SmtpFailures() {}

  static ToolFailed describe(String host, Throwable e) {
    if (e instanceof SMTPException smtp) {
      return new ToolFailed("the SMTP server " + host + " refused the mail: " + smtp.getReplyCode() + " "
          + String.join(" ", smtp.getReplyMessages()).strip());
    }
    return new ToolFailed("sending through " + host + " failed: " + ToolFailed.describe(e));
  }
}
