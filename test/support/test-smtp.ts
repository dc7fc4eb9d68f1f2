import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  parsed: ParsedMail;
}

/** A real SMTP server in the test process; it keeps every message it accepts. */
export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  /** When set, each incoming message is answered with this SMTP code instead of being accepted. */
  rejectWith: number | undefined;
  /** Connection errors (a client reset mid-message), kept instead of crashing the process. */
  readonly connectionErrors: string[] = [];
  private server: SMTPServer | undefined;
  private port = 0;

  async start(): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.rejectWith) {
            const error = Object.assign(new Error('Rejected by the test'), { responseCode: this.rejectWith });
            callback(error);
            return;
          }
          simpleParser(Buffer.concat(chunks))
            .then((parsed) => {
              const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((address) =>
                address.value.map((entry) => entry.address ?? ''),
              );
              this.messages.push({
                to,
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                parsed,
              });
              callback();
            })
            .catch(callback);
        });
      },
    });
    // A client that dies mid-conversation resets its socket; without a listener the server's 'error'
    // event would crash the whole test process (read ECONNRESET).
    this.server.on('error', (error: Error) => this.connectionErrors.push(error.message));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this.url;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits until `count` messages match, or fails after `timeoutMs`. */
  async waitFor(predicate: (mail: ReceivedMail) => boolean, count = 1, timeoutMs = 15_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = this.messages.filter(predicate);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) {
        throw new Error(`Expected ${count} matching e-mails within ${timeoutMs} ms, got ${matching.length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
