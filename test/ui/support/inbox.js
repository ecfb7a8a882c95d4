// A real SMTP server on 127.0.0.1 that keeps what the app mails (codes, reset links): the UI
// tests read them like a user reads their inbox.
import { SMTPServer } from 'smtp-server';

function decodeQuotedPrintable(raw) {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

export class Inbox {
  mails = [];
  port = 0;

  async start() {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks = [];
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('end', () => {
          this.mails.push({
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            text: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')),
          });
          callback();
        });
      },
    });
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = this.server.server.address().port;
  }

  async stop() {
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The newest mail to `address` matching `pattern` that arrived after `since` mails. */
  async waitFor(address, pattern, { since = 0, timeoutMs = 10_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails
        .slice(since)
        .reverse()
        .find((mail) => mail.to.includes(address.toLowerCase()) && pattern.test(mail.text));
      if (found) return found.text.match(pattern);
      if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${pattern}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The 6-digit code of the newest verification mail to `address`. */
  async code(address, options) {
    return (await this.waitFor(address, /\b(\d{6}) is your verification code/, options))[1];
  }

  /** The reset link of the newest reset mail to `address`. */
  async resetLink(address, options) {
    return (
      await this.waitFor(address, /(https?:\/\/\S+reset-password\?token=[\w.~%-]+)/, options)
    )[1];
  }
}
