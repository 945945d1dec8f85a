// A deterministic stream of OpenClaw hook calls into the ClawTrace plugin: `sessions` sessions,
// each with `calls` model calls (usage and cost on the assistant message) and one tool call after
// every model call but the last. Returns the ground truth the graph must hold afterwards.
import type { ClawTracePlugin } from '../../packages/openclaw-plugin/src/index.ts';

export interface StreamTruth {
  sessionIds: string[];
  llmCalls: number;
  toolCalls: number;
  costUsd: number;
  inputTokens: number;
}

export function emptyTruth(): StreamTruth {
  return { sessionIds: [], llmCalls: 0, toolCalls: 0, costUsd: 0, inputTokens: 0 };
}

/** Plays one session's hooks; `truth` is updated with what it produced. */
export function playSession(plugin: ClawTracePlugin, sessionId: string, calls: number, truth: StreamTruth): void {
  const h = plugin.handlers;
  const sessionKey = `agent:main:explicit:${sessionId}`;
  const runId = `run-${sessionId}`;
  h.session_start({ sessionId, sessionKey }, { sessionId, sessionKey, agentId: 'main' });
  truth.sessionIds.push(sessionId);
  for (let n = 1; n <= calls; n++) {
    const call = { runId, callId: `${runId}:model:${n}`, sessionKey, sessionId, provider: 'fake', model: 'fake-model' };
    const input = 1000 + n;
    const cost = 0.0001 * n;
    const last = n === calls;
    h.model_call_started(call, { runId, sessionKey, sessionId, agentId: 'main' });
    h.model_call_ended({ ...call, durationMs: 5, outcome: 'completed' }, { runId, sessionKey, sessionId });
    h.before_message_write(
      {
        message: {
          role: 'assistant',
          provider: 'fake',
          model: 'fake-model',
          timestamp: Date.now(),
          stopReason: last ? 'stop' : 'toolUse',
          content: last ? [{ type: 'text', text: 'done' }] : [{ type: 'toolCall', id: `call_${n}`, name: 'read' }],
          usage: { input, output: 20, cacheRead: 0, cacheWrite: 0, cost: { total: cost } },
        },
      },
      { agentId: 'main', sessionKey },
    );
    truth.llmCalls += 1;
    truth.costUsd += cost;
    truth.inputTokens += input;
    if (last) break;
    const ctx = { toolName: 'read', agentId: 'main', sessionKey, sessionId, runId, toolCallId: `call_${n}` };
    h.before_tool_call({ toolName: 'read', params: { path: `file-${n}.txt` }, runId, toolCallId: `call_${n}` }, ctx);
    h.after_tool_call({ toolName: 'read', params: { path: `file-${n}.txt` }, runId, toolCallId: `call_${n}`, result: { content: [{ type: 'text', text: `content ${n}` }] }, durationMs: 3 }, ctx);
    truth.toolCalls += 1;
  }
  h.agent_end({}, { runId, sessionKey, sessionId });
  h.session_end({ sessionId, sessionKey, messageCount: calls * 2 }, { sessionId, sessionKey, agentId: 'main' });
}
