// Which session a span belongs to, and the session records of one request.
//
// A session is a conversation when the sender names one (`gen_ai.conversation.id`, `session.id`, on
// the span or its resource), else the trace. All spans of one trace go to one session, chosen from
// the shallowest span that names one: frameworks often set the id on a single span (Agno on its
// root, Koog on its invoke_agent span), and a trace split across two sessions would break the call
// tree. Several traces naming the same conversation share a session (a multi-turn chat).
import type { SessionRecord, TraceAlias } from '../../domain/model.ts';
import { readString, type Attributes } from './attributes.ts';
import { otelSessionId } from './ids.ts';
import type { ParsedSpan } from './parse-span.ts';
import { compareNanos, nanosToIso } from './time.ts';
import type { TreeInfo } from './span-tree.ts';

const SESSION_KEYS = ['gen_ai.conversation.id', 'session.id'];
const AGENT_NAME_KEYS = ['gen_ai.agent.name', 'agent.name'];
const AGENT_ID_KEYS = ['gen_ai.agent.id'];

function own(span: ParsedSpan, keys: readonly string[]): string | undefined {
  return readString(span.attrs, keys) ?? readString(span.resourceAttrs, keys);
}

/** `service.name` unless it is the SDK's placeholder for "not configured". */
function serviceName(resource: Attributes): string | undefined {
  const name = readString(resource, ['service.name']);
  return name && !name.startsWith('unknown_service') ? name : undefined;
}

interface AgentChoice {
  agentId: string | null;
  agentName: string | null;
  rank: number;
}

/**
 * The agent a session is run by. A session arrives over many requests in any order, so the choice
 * must not depend on which spans came together: candidates are ranked by what every request can
 * tell on its own (0: named on a root span, 1: on another span, 2: only the service name), and the
 * lowest rank, then the smallest name, wins — here and when the writer merges requests.
 */
function chooseAgent(spans: readonly ParsedSpan[]): AgentChoice | undefined {
  const candidates: AgentChoice[] = [];
  for (const span of spans) {
    const agentName = own(span, AGENT_NAME_KEYS) ?? null;
    const agentId = own(span, AGENT_ID_KEYS) ?? null;
    if (agentName !== null || agentId !== null) candidates.push({ agentId, agentName, rank: span.parentHex === null ? 0 : 1 });
    else {
      const service = serviceName(span.resourceAttrs);
      if (service) candidates.push({ agentId: null, agentName: service, rank: 2 });
    }
  }
  const key = (c: AgentChoice) => `${c.agentName ?? ''}|${c.agentId ?? ''}`;
  return candidates.sort((a, b) => a.rank - b.rank || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))[0];
}

/** Spans by shallowest first, then start time, then request order. */
function byDepth(tree: TreeInfo) {
  return (a: ParsedSpan, b: ParsedSpan): number =>
    tree.depth.get(a.id)! - tree.depth.get(b.id)! || compareNanos(a.startNs, b.startNs) || a.order - b.order;
}

export interface SessionAssignment {
  /** Span id → session id. */
  sessionOf: Map<string, string>;
  sessions: SessionRecord[];
  /** The conversation each trace of the request names (see TraceAlias in src/domain/model.ts). */
  aliases: TraceAlias[];
}

/**
 * The conversation a trace names. Requests carry parts of a trace, so the choice must not depend
 * on which spans came together: a key named on a root span (rank 0) beats one named deeper
 * (rank 1), then the smallest key wins — here and when the writer merges requests.
 */
function traceConversation(spans: readonly ParsedSpan[]): { key: string; rank: number } | undefined {
  let best: { key: string; rank: number } | undefined;
  for (const span of spans) {
    const key = own(span, SESSION_KEYS);
    if (key === undefined) continue;
    const rank = span.parentHex === null ? 0 : 1;
    if (!best || rank < best.rank || (rank === best.rank && key < best.key)) best = { key, rank };
  }
  return best;
}

export function assignSessions(spans: readonly ParsedSpan[], tree: TreeInfo, origin: string): SessionAssignment {
  const traces = new Map<string, ParsedSpan[]>();
  for (const span of spans) {
    const list = traces.get(span.traceHex) ?? [];
    list.push(span);
    traces.set(span.traceHex, list);
  }
  const sessionOf = new Map<string, string>();
  const members = new Map<string, { externalId: string; spans: ParsedSpan[] }>();
  const aliases: TraceAlias[] = [];
  for (const [traceHex, traceSpans] of traces) {
    const ordered = [...traceSpans].sort(byDepth(tree));
    // A request without the span that names the conversation (exporters send children first)
    // files the trace under its trace id; the alias lets the finaliser move those spans over.
    const conversation = traceConversation(traceSpans);
    const key = conversation?.key ?? traceHex;
    const id = otelSessionId(key);
    if (conversation) aliases.push({ traceId: traceHex, traceSessionId: otelSessionId(traceHex), sessionId: id, rank: conversation.rank });
    const entry = members.get(id) ?? { externalId: key, spans: [] };
    for (const span of ordered) entry.spans.push(span);
    members.set(id, entry);
    for (const span of traceSpans) sessionOf.set(span.id, id);
  }
  const sessions: SessionRecord[] = [];
  for (const [id, { externalId, spans: list }] of members) {
    const starts = list.map((s) => s.startNs).filter((n): n is bigint => n !== null);
    const ends = list.map((s) => s.endNs).filter((n): n is bigint => n !== null);
    // A true root names no parent at all; a span whose parent is in another request is not one.
    const rootFailed = list.some((s) => s.parentHex === null && s.status === 'error');
    const agent = chooseAgent(list);
    sessions.push({
      id,
      source: 'otlp',
      externalId,
      agentId: agent?.agentId ?? null,
      agentName: agent?.agentName ?? null,
      agentRank: agent?.rank ?? null,
      // One request carries part of a session: the writer merges it with the rest (see SessionRecord).
      partial: true,
      startedAt: starts.length ? nanosToIso(starts.reduce((a, b) => (b < a ? b : a))) : null,
      endedAt: ends.length ? nanosToIso(ends.reduce((a, b) => (b > a ? b : a))) : null,
      // Exported spans have ended; OTLP has no "session still running" signal.
      status: rootFailed ? 'failed' : 'completed',
      origin,
    });
  }
  return { sessionOf, sessions, aliases };
}
