// Generated ClawTrace plugin event streams (FORMATS.md §4): a main session with LLM calls, tool calls
// (some repeating an earlier call exactly) and sub-agent spawns, each child session with its own
// trace; reported costs on some LLM calls, token-priced others. Deterministic for a given PRNG.
export interface Envelope {
  schemaVersion: 1;
  agentId: string;
  event: { eventId: string; eventType: string; traceId: string; spanId: string | null; parentSpanId: string | null; tsMs: number; payload: Record<string, unknown> };
}

const MODELS = ['gpt-4o', 'gpt-4o-mini'];

/** Events of one main session and its sub-agent sessions, in the order they happened. */
export function pluginSession(index: number, random: () => number, startMs: number, tag: string): Envelope[] {
  const out: Envelope[] = [];
  let clock = startMs;
  let counter = 0;
  const emit = (agentId: string, traceId: string, eventType: string, spanId: string | null, parentSpanId: string | null, payload: Record<string, unknown>) => {
    clock += 1 + Math.floor(random() * 400);
    out.push({ schemaVersion: 1, agentId, event: { eventId: `${traceId}-e${++counter}`, eventType, traceId, spanId, parentSpanId, tsMs: clock, payload } });
  };
  const history: Array<{ tool: string; args: Record<string, unknown>; result: string }> = [];

  const agentLoop = (agentId: string, traceId: string, calls: number, spawns: number) => {
    emit(agentId, traceId, 'session_start', 'root', null, { agentName: agentId, task: `task ${traceId}` });
    for (let n = 1; n <= calls; n++) {
      const model = MODELS[Math.floor(random() * MODELS.length)]!;
      const input = 100 + Math.floor(random() * 4000);
      const output = 10 + Math.floor(random() * 400);
      emit(agentId, traceId, 'llm_before_call', `llm${n}`, 'root', { model, provider: 'openai', args: { messages: n } });
      emit(agentId, traceId, 'llm_after_call', `llm${n}`, 'root', {
        model,
        provider: 'openai',
        usage: { input, output, cacheRead: 0, cacheWrite: 0 },
        ...(random() < 0.4 ? { costUsd: Math.round((input * 2.5 + output * 10) / 1e3) / 1e3 } : {}),
        result: `answer ${n}`,
      });
      const repeat = history.length > 0 && random() < 0.3;
      const call = repeat ? history[Math.floor(random() * history.length)]! : { tool: 'read', args: { path: `src/f${Math.floor(random() * 8)}.ts` }, result: `contents ${Math.floor(random() * 1000)}` };
      history.push(call);
      emit(agentId, traceId, 'tool_before_call', `tool${n}`, 'root', { toolName: call.tool, toolCallId: `call-${traceId}-${n}`, args: call.args });
      emit(agentId, traceId, 'tool_after_call', `tool${n}`, 'root', { toolName: call.tool, toolCallId: `call-${traceId}-${n}`, result: call.result });
      if (n <= spawns) {
        const child = `${traceId}-child${n}`;
        emit(agentId, traceId, 'subagent_spawn', `spawn${n}`, 'root', { toolName: 'sessions_spawn', childTraceId: child, task: `subtask ${n} of ${traceId}`, label: `helper ${n}` });
        agentLoop(`helper-${n}`, child, 2 + Math.floor(random() * 4), 0);
        emit(agentId, traceId, 'subagent_join', `spawn${n}`, 'root', { childTraceId: child, result: `helper ${n} done` });
      }
    }
    emit(agentId, traceId, 'session_end', 'root', null, { status: 'completed' });
  };
  agentLoop('main', `${tag}-s${index}`, 6 + Math.floor(random() * 6), 1 + Math.floor(random() * 2));
  return out;
}
