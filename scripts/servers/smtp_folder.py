"""An aiosmtpd handler for tests: every accepted message is written to a folder, one file per message.

The file holds the envelope (X-Envelope-From, X-Envelope-To, X-Envelope-TLS) above the message exactly as
received, so a test reads back what the client sent and whether the session was encrypted. Recipients at the
domain reject.test are refused with 550, as a real server refuses a mailbox it does not know.
"""
import os
import tempfile


class FolderHandler:
    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("FolderHandler takes one argument: the folder for received mail")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith("@reject.test"):
            return "550 5.1.1 <%s>: no such mailbox here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        tls = "yes" if session.ssl is not None else "no"
        head = "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\nX-Envelope-TLS: %s\r\n" % (
            envelope.mail_from, ",".join(envelope.rcpt_tos), tls)
        content = envelope.original_content or envelope.content
        # Written under a temporary name, then renamed: a reader never sees half a message.
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".incoming-")
        with os.fdopen(fd, "wb") as out:
            out.write(head.encode("ascii") + content)
        os.rename(tmp, tmp.replace(".incoming-", "msg-") + ".eml")
        return "250 Message accepted for delivery"
