// A local OpenAI Chat Completions server (streaming SSE, as OpenClaw's openai-completions
// transport calls it) that plays a fixed agent script, so a real OpenClaw run is deterministic:
//   parent session (its user prompt contains PARENT_MARKER): read hello.txt → sessions_spawn → answer
//   any other session: answer at once
// Each answer reports usage (with cached prompt tokens) in the final chunk; `calls` is the ground
// truth the graph must reproduce. A cap stops a runaway loop if OpenClaw ever retries forever.
import http from 'node:http';

export const PARENT_MARKER = 'PARENT-PROMPT';
export const CHILD_TASK = 'CHILD-TASK: read hello.txt and report';
const MAX_CALLS = 40;

export interface FakeAgentCall {
  model: string;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  reply: string;
}

/** One request as the fake received it: what the model was shown (tool results included). */
export interface FakeAgentRequest {
  messages: Array<{ role: string; text: string }>;
}

export interface FakeOpenAiAgent {
  baseUrl: string;
  calls: FakeAgentCall[];
  requests: FakeAgentRequest[];
  close(): Promise<void>;
}

export interface FakeOpenAiAgentOptions {
  /** Awaited before answering call `n` (1-based): lets a test settle outside state before the model's reply. */
  beforeReply?: (n: number) => Promise<void>;
}

interface ChatMessage {
  role: string;
  content?: string | Array<{ text?: string }> | null;
}

const textOf = (m: ChatMessage) => (typeof m.content === 'string' ? m.content : (m.content ?? []).map((p) => p.text ?? '').join(''));

function toolCall(n: number, name: string, args: Record<string, unknown>) {
  return { tool_calls: [{ index: 0, id: `call_${n}`, type: 'function', function: { name, arguments: JSON.stringify(args) } }] };
}

export async function startFakeOpenAiAgent(options: FakeOpenAiAgentOptions = {}): Promise<FakeOpenAiAgent> {
  const calls: FakeAgentCall[] = [];
  const requests: FakeAgentRequest[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; messages: ChatMessage[]; stream?: boolean };
    const isParent = body.messages.filter((m) => m.role === 'user').some((m) => textOf(m).includes(PARENT_MARKER));
    // OpenClaw appends a context block as the last user message, so the step is counted by answers.
    const step = body.messages.filter((m) => m.role === 'assistant').length;
    const n = calls.length + 1;
    requests.push({ messages: body.messages.map((m) => ({ role: m.role, text: textOf(m) })) });
    await options.beforeReply?.(n);
    let message: Record<string, unknown>;
    if (n > MAX_CALLS) message = { content: 'call cap reached' };
    else if (isParent && step === 0) message = toolCall(n, 'read', { path: 'hello.txt' });
    else if (isParent && step === 1) message = toolCall(n, 'sessions_spawn', { task: CHILD_TASK, label: 'reader' });
    else message = { content: `Done (step ${step}).` };
    const usage = { promptTokens: 900 + 7 * n, cachedTokens: 128, completionTokens: 12 + n };
    const reply = (message.tool_calls as Array<{ function: { name: string } }> | undefined)?.[0]?.function.name ?? String(message.content);
    calls.push({ model: body.model, ...usage, reply });
    const base = { id: `chatcmpl-${n}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model };
    const finish = message.tool_calls ? 'tool_calls' : 'stop';
    const wireUsage = {
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      total_tokens: usage.promptTokens + usage.completionTokens,
      prompt_tokens_details: { cached_tokens: usage.cachedTokens },
    };
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', ...message }, finish_reason: null }] })}\n\n`);
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] })}\n\n`);
    res.write(`data: ${JSON.stringify({ ...base, choices: [], usage: wireUsage })}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    calls,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
