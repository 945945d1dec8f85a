// A local HTTP server that speaks the OpenAI Chat Completions API: the first call of a
// conversation asks for a tool, the next one answers. It records the usage it reported, which is
// the ground truth the graph must reproduce.
import http from 'node:http';

export interface FakeOpenAi {
  baseUrl: string;
  calls: Array<{ model: string; promptTokens: number; completionTokens: number; cachedTokens: number }>;
  close(): Promise<void>;
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const calls: FakeOpenAi['calls'] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; messages: Array<{ role: string }> };
    const hasToolResult = body.messages.some((m) => m.role === 'tool');
    const n = calls.length;
    const usage = { promptTokens: 120 + 10 * n, completionTokens: 15 + n, cachedTokens: n % 2 === 0 ? 64 : 0 };
    calls.push({ model: body.model, ...usage });
    const message = hasToolResult
      ? { role: 'assistant', content: `Done (${n}).` }
      : { role: 'assistant', content: null, tool_calls: [{ id: `call_${n}`, type: 'function', function: { name: 'read_file', arguments: JSON.stringify({ path: 'README.md' }) } }] };
    const answer = {
      id: `chatcmpl-${n}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message, finish_reason: hasToolResult ? 'stop' : 'tool_calls' }],
      usage: {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        total_tokens: usage.promptTokens + usage.completionTokens,
        prompt_tokens_details: { cached_tokens: usage.cachedTokens },
      },
    };
    const text = JSON.stringify(answer);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
