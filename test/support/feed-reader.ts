import { bearer } from './test-dragnet';

export interface FeedEvent {
  event: string;
  data: { type: string; at: string; data: { id: string; status?: string; narrative?: string; reason?: string } };
}

/** Reads a server-sent event stream in the background and keeps every event. */
export class FeedReader {
  readonly events: FeedEvent[] = [];
  private readonly abort = new AbortController();
  status = 0;

  /** Settles when the server ends the stream (or close() aborts it). */
  ended: Promise<void> = Promise.resolve();

  static async open(url: string, user: { token: string }): Promise<FeedReader> {
    const reader = new FeedReader();
    const response = await fetch(url, { headers: bearer(user), signal: reader.abort.signal });
    reader.status = response.status;
    if (response.ok && response.body) reader.ended = reader.read(response.body);
    else await response.text();
    return reader;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) this.events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted by close()
    }
  }

  async waitFor(predicate: (event: FeedEvent) => boolean, timeoutMs = 10_000): Promise<FeedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `No matching event within ${timeoutMs} ms; got ${this.events.map((event) => event.event).join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.abort.abort();
  }
}
