// Turns validated normalised records into the flat rows the graph writer sends with UNWIND:
// prices LLM spans, canonicalises and hashes tool arguments, truncates previews. Pure.
import { canonicaliseArgs } from '../domain/canonical/index.ts';
import { carriesCost, coversAncestors, priceSpans, type Pricer } from '../domain/cost/index.ts';
import { sha256Hex } from '../domain/hash.ts';
import { injectedSkillBody, skillContentHash } from '../domain/insights/skill-version.ts';
import { readsSkillFile } from '../domain/insights/skills.ts';
import type { TraceAlias, Usage } from '../domain/model.ts';
import { taskKey } from './task-key.ts';
import { ARGS_CHARS, ERROR_CHARS, payloadText, PREVIEW_CHARS, truncate } from './truncate.ts';
import type { ValidBatch } from './validate.ts';

type Scalar = string | number | boolean | null;

export interface SessionRow {
  id: string;
  startedAt: string | null;
  endedAt: string | null;
  agentId: string | null;
  agentName: string | null;
  /** See SessionRecord.partial / agentRank: how upsert-sessions merges this row with the stored one. */
  partial: boolean;
  agentRank: number | null;
  status: string;
  skill: string | null;
  props: Record<string, Scalar>;
}

export interface SpanRow {
  id: string;
  sessionId: string;
  props: Record<string, Scalar>;
}

export interface PreparedBatch {
  sessions: SessionRow[];
  spans: SpanRow[];
  /** Every span with its call-tree parent (null for a root): a re-sent span's link is replaced. */
  parents: Array<{ id: string; parentId: string | null }>;
  models: Array<{ spanId: string; model: string; provider: string | null }>;
  tools: Array<{ spanId: string; toolName: string }>;
  spawns: Array<{
    spanId: string;
    parentSessionId: string;
    childSessionId: string | null;
    status: string;
    task: string | null;
    taskKey: string | null;
    label: string | null;
    linkedBy: string | null;
    childAgent: string | null;
    childSessionKey: string | null;
  }>;
  traceAliases: TraceAlias[];
  /** Every session the batch touched, for finalisation (NEXT order, cost rollups, redundancy). */
  touchedSessionIds: string[];
}

/** Token fields of a span, flat, so Cypher can sum them. `prefix` separates aggregate usage. */
function usageProps(usage: Usage | null | undefined, prefix = ''): Record<string, number | null> {
  const key = (name: string) => (prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name);
  return {
    [key('inputTokens')]: usage?.input ?? null,
    [key('outputTokens')]: usage?.output ?? null,
    [key('cacheReadTokens')]: usage?.cacheRead ?? null,
    [key('cacheWriteTokens')]: usage ? usage.cacheWrite + usage.cacheWrite1h : null,
    [key('cacheWrite1hTokens')]: usage?.cacheWrite1h ?? null,
    [key('reasoningTokens')]: usage?.reasoning ?? null,
  };
}

function durationMs(startedAt: string | null | undefined, endedAt: string | null | undefined, given: number | null | undefined): number | null {
  if (given !== null && given !== undefined) return given;
  if (!startedAt || !endedAt) return null;
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/**
 * The content hash of the SKILL.md a span handed the model: a read of a SKILL.md file, a Skill call
 * whose result carries the injected skill, or a skill the harness injected (Claude Code).
 */
function skillVersionOf(span: ValidBatch['spans'][number], argsText: string | null, resultText: string | null): string | null {
  // A skill the harness loaded by itself (a slash command: claude-code/skill-injections.ts).
  if (span.kind === 'OTHER' && span.attributes?.skillInjected !== undefined) return skillContentHash(injectedSkillBody(resultText));
  if (span.kind !== 'TOOL' || span.status === 'error') return null;
  if ((span.toolName ?? '').toLowerCase() === 'skill') return skillContentHash(injectedSkillBody(resultText));
  return readsSkillFile(span.toolName ?? null, argsText) ? skillContentHash(resultText) : null;
}

export function prepareBatch(batch: ValidBatch, pricer: Pricer): PreparedBatch {
  const costs = priceSpans(batch.spans, pricer);
  const touched = new Set<string>();

  const sessions: SessionRow[] = batch.sessions.map((s) => {
    touched.add(s.id);
    return {
      id: s.id,
      startedAt: s.startedAt ?? null,
      endedAt: s.endedAt ?? null,
      agentId: s.agentId ?? null,
      agentName: s.agentName ?? s.agentId ?? null,
      partial: s.partial ?? false,
      agentRank: s.agentRank ?? null,
      status: s.status ?? 'completed',
      skill: s.skill ?? null,
      props: {
        source: s.source,
        externalId: s.externalId,
        sessionKey: s.sessionKey ?? null,
        task: truncate(s.task, PREVIEW_CHARS),
        skill: s.skill ?? null,
        cwd: s.cwd ?? null,
        role: s.role,
        origin: s.origin ?? null,
        // Any session can turn out to be the far end of a spawn (a sub-agent's events or file may
        // arrive before the spawn that says so), so every session with a task has its key.
        taskKey: taskKey(s.task),
      },
    };
  });

  const spans: SpanRow[] = batch.spans.map((span) => {
    touched.add(span.sessionId);
    const cost = costs.get(span.id);
    // A non-LLM span with cost data of its own (an agent run's aggregate usage) counts only while
    // no descendant carries cost. Its descendants may arrive in other requests, so the price it
    // would have on its own is kept, and the finaliser decides from the graph (reprice-aggregates).
    const aggregate = span.kind !== 'LLM' && carriesCost(span) ? pricer.price(span) : null;
    const args = span.args === undefined ? null : canonicaliseArgs(span.toolName ?? span.name, span.args);
    const resultText = payloadText(span.result);
    return {
      id: span.id,
      sessionId: span.sessionId,
      props: {
        sessionId: span.sessionId,
        kind: span.kind,
        name: span.name,
        seq: span.seq,
        // The source's own order, kept: the finaliser renumbers `seq` per session from it.
        sourceSeq: span.seq,
        traceId: span.traceId ?? null,
        startedAt: span.startedAt ?? null,
        endedAt: span.endedAt ?? null,
        durationMs: durationMs(span.startedAt, span.endedAt, span.durationMs),
        model: span.model ?? null,
        provider: span.provider ?? null,
        toolName: span.toolName ?? null,
        toolCallId: span.toolCallId ?? null,
        ...usageProps(span.usage),
        ...usageProps(span.aggregateUsage, 'agg'),
        reportedCostUsd: span.reportedCostUsd ?? null,
        costUsd: cost?.costUsd ?? null,
        costSource: cost?.costSource ?? null,
        priceVersion: cost?.priceVersion ?? null,
        unpricedReason: cost?.unpricedReason ?? null,
        // call | aggregate | covered | none: how costUsd came about (see src/domain/cost/aggregate.ts).
        costBasis: cost?.basis ?? null,
        pricedAs: cost?.pricedAs ?? null,
        coversAncestors: coversAncestors(span),
        aggCostUsd: aggregate?.costUsd ?? null,
        aggCostSource: aggregate?.costSource ?? null,
        aggPriceVersion: aggregate?.priceVersion ?? null,
        aggUnpricedReason: aggregate?.unpricedReason ?? null,
        aggPricedAs: aggregate?.pricedAs ?? null,
        status: span.status,
        errorMessage: truncate(span.errorMessage, ERROR_CHARS),
        argsCanonical: args ? truncate(args.text, ARGS_CHARS) : null,
        argsHash: args?.hash ?? null,
        effect: args?.effect ?? null,
        resource: args?.resource ?? null,
        resultHash: resultText === null ? null : sha256Hex(resultText),
        resultPreview: truncate(resultText, PREVIEW_CHARS),
        resultChars: resultText?.length ?? null,
        // The version of a skill a SKILL.md read returned: hashed here, from the full text the
        // graph does not keep (src/domain/insights/skill-version.ts).
        skillContentHash: skillVersionOf(span, args?.text ?? null, resultText),
        textPreview: truncate(span.textPreview, PREVIEW_CHARS),
        attributesJson: span.attributes ? JSON.stringify(span.attributes) : null,
      },
    };
  });

  return {
    sessions,
    spans,
    parents: batch.spans.map((s) => ({ id: s.id, parentId: s.parentId ?? null })),
    models: batch.spans.filter((s) => s.model).map((s) => ({ spanId: s.id, model: s.model!, provider: s.provider ?? null })),
    tools: batch.spans
      .filter((s) => s.toolName && (s.kind === 'TOOL' || s.kind === 'SUBAGENT'))
      .map((s) => ({ spanId: s.id, toolName: s.toolName! })),
    spawns: batch.spawns.map((s) => {
      touched.add(s.parentSessionId);
      if (s.childSessionId) touched.add(s.childSessionId);
      return {
        spanId: s.spanId,
        parentSessionId: s.parentSessionId,
        childSessionId: s.childSessionId ?? null,
        status: s.status,
        task: truncate(s.task, PREVIEW_CHARS),
        taskKey: taskKey(s.task),
        label: s.label ?? null,
        linkedBy: s.linkedBy ?? null,
        childAgent: s.childAgent ?? null,
        childSessionKey: s.childSessionKey ?? null,
      };
    }),
    traceAliases: batch.traceAliases,
    touchedSessionIds: [...touched].sort(),
  };
}
