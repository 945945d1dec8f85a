// Server-Sent Events as the HTML spec reads them, for `clawtrace alerts --follow`: text arrives in
// chunks cut anywhere (mid-line, between \r and \n); lines of `field: value` build an event that a
// blank line dispatches; comments (`: heartbeat`) are skipped; `id:` is remembered for
// Last-Event-ID even across events without one; `retry:` sets the reconnect delay.

export interface SseEvent {
  event: string;
  data: string;
  /** The last event id seen so far (what a reconnect sends as Last-Event-ID). */
  id: string | null;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private eventType = '';
  private sawCr = false;
  lastEventId: string | null = null;
  retryMs: number | null = null;

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    let text = chunk;
    // A \r ended the previous chunk: a \n opening this one belongs to it.
    if (this.sawCr && text.startsWith('\n')) text = text.slice(1);
    this.sawCr = text.endsWith('\r');
    this.buffer += text;
    const events: SseEvent[] = [];
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    // `a\r` split gives ['a', '']: the trailing '' is the unfinished next line, already popped.
    for (const line of lines) {
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.eventType = '';
        return null;
      }
      const event = { event: this.eventType || 'message', data: this.data.join('\n'), id: this.lastEventId };
      this.data = [];
      this.eventType = '';
      return event;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.eventType = value;
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return null;
  }
}
