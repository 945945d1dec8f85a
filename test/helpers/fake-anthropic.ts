// A local HTTP server that speaks the Anthropic Messages API (POST /v1/messages), for driving the
// real @anthropic-ai/sdk in tests (baseURL = server.url). It replays a script of responses in
// order — messages with text or tool_use blocks, refusals, malformed JSON bodies, 429s and 500s —
// and records every request so tests can check what the client sent (e.g. the full task context
// on every turn). An exhausted script answers 500 with a clear message, so a test fails loudly.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

export type Scripted =
  | { kind: 'message'; content: Block[]; stopReason: 'end_turn' | 'tool_use' | 'refusal' | 'max_tokens' }
  | { kind: 'error'; status: number; type: string; message: string; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; body: string };

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: {
    model?: string;
    system?: string | Array<{ type: string; text: string }>;
    messages?: Array<{ role: string; content: unknown }>;
    tools?: Array<{ name: string }>;
  };
}

let toolIds = 0;

export const reply = {
  text: (text: string): Scripted => ({ kind: 'message', content: [{ type: 'text', text }], stopReason: 'end_turn' }),
  tool: (name: string, input: unknown, text?: string): Scripted => ({
    kind: 'message',
    content: [...(text ? [{ type: 'text' as const, text }] : []), { type: 'tool_use', id: `toolu_${++toolIds}`, name, input }],
    stopReason: 'tool_use',
  }),
  refusal: (): Scripted => ({ kind: 'message', content: [{ type: 'text', text: 'I cannot help with that.' }], stopReason: 'refusal' }),
  rateLimited: (retryAfterSeconds = 0): Scripted => ({
    kind: 'error',
    status: 429,
    type: 'rate_limit_error',
    message: 'Number of requests has exceeded your rate limit',
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  serverError: (): Scripted => ({ kind: 'error', status: 500, type: 'api_error', message: 'Internal server error' }),
  overloaded: (): Scripted => ({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' }),
  malformedBody: (): Scripted => ({ kind: 'raw', status: 200, body: '{"id": "msg_broken", "content": [' }),
};

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  /** Appends responses to the script. */
  script(...responses: Scripted[]): void;
  remaining(): number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
        return send(res, 404, JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `no route ${req.method} ${req.url}` } }));
      }
      let body: RecordedRequest['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
      } catch {
        return send(res, 400, JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'body is not JSON' } }));
      }
      requests.push({ path: req.url, headers: req.headers, body });
      const next = queue.shift();
      if (!next) return send(res, 500, JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'fake-anthropic: script exhausted' } }));
      if (next.kind === 'raw') return send(res, next.status, next.body);
      if (next.kind === 'error') {
        return send(res, next.status, JSON.stringify({ type: 'error', error: { type: next.type, message: next.message } }), next.headers);
      }
      send(
        res,
        200,
        JSON.stringify({
          id: `msg_fake_${++n}`,
          type: 'message',
          role: 'assistant',
          model: body.model ?? 'fake',
          content: next.content,
          stop_reason: next.stopReason,
          stop_sequence: null,
          usage: { input_tokens: 100, output_tokens: 20 },
        }),
        { 'request-id': `req_fake_${n}` },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...responses) => void queue.push(...responses),
    remaining: () => queue.length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
