// Regression: a card input whose sections have fewer rows than a cut step's floor (captured from a
// session the arrival-order test built by split delivery: no redundancy rows, floor 1) made fitRows() ask
// grow() forever for a row that does not exist — the engine's traceCard never returned. The card
// must be built, within its budget.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildTraceCard, type CardInput } from '../../src/tracecard/index.ts';

const input = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'tracecard-budget-floor.input.json'), 'utf8')) as CardInput;

describe('TraceCard budget with a section below its cut floor', () => {
  it('builds the card within the default budget', () => {
    const card = buildTraceCard(input);
    expect(card.tokens).toBeLessThanOrEqual(512);
    expect(card.yaml).toContain(input.sessionId);
  });
});
