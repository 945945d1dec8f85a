// The tools the Claude analysts may call, their JSON schemas (sent to the API) and their zod
// validation (applied to what comes back). `final_patch` ends an analysis; the other two let the
// error analyst look at the oracle evidence of its session on demand.
import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { RepairCase } from '../evidence-types.ts';
import { ACTIONS, PatchDraftSchema, SECTIONS } from '../patch.ts';

const patchJsonSchema = {
  type: 'object',
  properties: {
    action: { type: 'string', enum: [...ACTIONS] },
    rule: { type: 'string' },
    rootCause: { type: ['string', 'null'] },
    targetCostSink: { type: ['string', 'null'] },
    section: { type: 'string', enum: [...SECTIONS] },
    sourceSessions: { type: 'array', items: { type: 'string' } },
    evidenceIds: { type: 'array', items: { type: 'string' } },
    counterfactual: { type: ['string', 'null'] },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
  },
  required: ['action', 'rule', 'section', 'evidenceIds', 'confidence'],
} as const;

export const FINAL_PATCH_TOOL: Anthropic.Tool = {
  name: 'final_patch',
  description: 'Submit your patches. Ends the analysis.',
  input_schema: { type: 'object', properties: { patches: { type: 'array', items: patchJsonSchema, minItems: 1, maxItems: 2 } }, required: ['patches'] },
};

export const INSPECT_MISMATCHES_TOOL: Anthropic.Tool = {
  name: 'inspect_mismatches',
  description: "The oracle's mismatches for the session (expected vs actual, the span that made the call) and its failing steps.",
  input_schema: { type: 'object', properties: {} },
};

export const READ_GOLD_SNIPPET_TOOL: Anthropic.Tool = {
  name: 'read_gold_snippet',
  description: 'The reference (gold) solution snippets recorded for the session, e.g. the expected actions.',
  input_schema: { type: 'object', properties: { label: { type: 'string', description: 'optional snippet label to filter on' } } },
};

/** What each analyst may submit: success → one preserve and at most one prune; error → repairs. */
export function finalPatchSchema(role: 'success' | 'error') {
  return z
    .object({ patches: z.array(PatchDraftSchema).min(1).max(2) })
    .superRefine((value, ctx) => {
      const actions = value.patches.map((p) => p.action);
      if (role === 'error' && actions.some((a) => a !== 'repair')) {
        ctx.addIssue({ code: 'custom', message: 'the error analyst submits repair patches only' });
      }
      if (role === 'success' && (actions.filter((a) => a === 'preserve').length !== 1 || actions.includes('repair'))) {
        ctx.addIssue({ code: 'custom', message: 'the success analyst submits exactly one preserve and at most one prune' });
      }
    });
}

const GOLD_CHARS = 4000;

export function runEvidenceTool(name: string, input: unknown, repair: RepairCase | null): string {
  if (!repair) return JSON.stringify({ error: 'no oracle evidence recorded for this session' });
  if (name === 'inspect_mismatches') {
    return JSON.stringify({ sessionId: repair.sessionId, score: repair.score, mismatches: repair.mismatches, failingSteps: repair.errorSteps });
  }
  const label = typeof input === 'object' && input !== null && 'label' in input ? String((input as { label: unknown }).label) : null;
  const snippets = repair.goldSnippets.filter((g) => !label || (g.label ?? '').includes(label));
  return JSON.stringify(snippets.map((g) => ({ label: g.label, text: g.text.slice(0, GOLD_CHARS) })));
}

/** A JSON object in free text (a fenced block or the outermost braces); null when none parses. */
export function jsonFromText(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1];
  const candidate = fenced ?? text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  if (!candidate.trim()) return null;
  try {
    return JSON.parse(candidate) as unknown;
  } catch {
    return null;
  }
}
