// The step inspector: everything the API knows about the selected span — arguments (readable:
// value-view.js), result preview, tokens, cost and where it came from (model calls only: tools are
// not priced), error, redundancy, the sub-agent it spawned, and for a model call its conversation
// turn (llm-turn.js).
import { useGql } from './api.js';
import { count, dateTime, duration, usd } from './format.js';
import { LlmTurn } from './llm-turn.js';
import { inclusiveUsd, missingText } from './lower-bound.js';
import { SPAN_DETAIL } from './queries.js';
import { h } from './react.js';
import { sessionHref, spanHref } from './router.js';
import { ArgsView, Folded, prettyText } from './value-view.js';
import { Badge, ErrorBox, KindTag, Loading } from './widgets.js';

const Field = ({ label, children, testId }) =>
  children === null || children === undefined || children === ''
    ? null
    : h('div', { className: 'field' }, h('dt', null, label), h('dd', { 'data-testid': testId }, children));

const Block = ({ title, text, testId, note }) =>
  text ? h('div', { className: 'block' }, h('h3', null, title, note ? h('span', { className: 'muted small' }, ` ${note}`) : null), h(Folded, { text, testId })) : null;

/**
 * Cost lines: a model call's price and where it came from; other spans carry no price of their own
 * (a tool is not billed), only the cost of what they started (a spawn's sub-agent), if any.
 */
function CostFields({ span }) {
  if (span.kind === 'LLM') {
    return [
      h(
        Field,
        { key: 'cost', label: 'Cost', testId: 'inspector-cost' },
        span.costUsd === null ? h(Badge, { kind: 'unpriced', title: span.unpricedReason ?? '' }, 'unpriced') : `${usd(span.costUsd)}${span.costSource ? ` (${span.costSource.toLowerCase()})` : ''}`,
      ),
      h(Field, { key: 'price', label: 'Price data' }, span.priceVersion),
    ];
  }
  const started = span.inclusiveCostUsd > 0 ? span.inclusiveCostUsd : null;
  return started === null ? null : h(Field, { key: 'inclusive', label: 'Started', testId: 'inspector-inclusive' }, `${usd(started)} in the calls below it`);
}

function Tokens({ span }) {
  const parts = [
    ['in', span.inputTokens],
    ['out', span.outputTokens],
    ['cache read', span.cacheReadTokens],
    ['cache write', span.cacheWriteTokens],
    ['reasoning', span.reasoningTokens],
  ].filter(([, v]) => v);
  if (!parts.length) return null;
  return h(Field, { label: 'Tokens', testId: 'inspector-tokens' }, parts.map(([k, v]) => `${k} ${count(v)}`).join(' · '));
}

function Redundancy({ finding, onSelect, inTree }) {
  // (`inTree`: whether the repeated call is drawn in this page's tree.)
  if (!finding) return null;
  const target = finding.repeatsSpanId;
  return h(
    'div',
    { className: 'callout waste', 'data-testid': 'inspector-redundancy' },
    h('strong', null, `Redundant: ${finding.kind.toLowerCase().replace(/_/g, ' ')}. `),
    `Wasted ${usd(finding.wastedUsd)}, ${count(finding.wastedTokens)}${finding.tokensEstimated ? ' (estimated)' : ''} tokens. Repeats `,
    inTree(target)
      ? h('a', { href: '#', onClick: (e) => (e.preventDefault(), onSelect(target, { scroll: true })) }, 'this earlier call')
      : h('a', { href: spanHref(target) }, 'an earlier call'),
    '.',
  );
}

/** store/version: the page's tree (a model call's turn is read from its neighbours there). */
export function Inspector({ spanId, finding, onSelect, onOpenSubagent, onZoom, store }) {
  const { data, error, loading } = useGql(SPAN_DETAIL, { id: spanId }, spanId, Boolean(spanId));
  if (!spanId) return h('p', { className: 'muted' }, 'Select a span in the tree or the timeline to inspect it.');
  if (error) return h(ErrorBox, { error });
  const span = data?.span;
  if (!span) return loading ? h(Loading, { what: 'Loading the span' }) : h('p', { className: 'muted' }, 'This span is gone.');
  if (span.id !== spanId) return h(Loading, { what: 'Loading the span' });
  const sub = span.spawnedSession;
  const inTree = (id) => store.nodes.has(id);
  const llm = span.kind === 'LLM';
  return h(
    'div',
    { className: 'inspector', 'data-testid': 'inspector', 'data-span-id': span.id, 'data-kind': span.kind },
    h('h3', { className: 'inspector-title' }, h(KindTag, { kind: span.kind }), ' ', span.toolName ?? span.model ?? span.name, h('span', { className: 'muted small' }, ` #${span.seq}`)),
    span.snippet && !llm ? h('p', { className: 'inspector-snippet', 'data-testid': 'inspector-snippet' }, span.snippet) : null,
    span.startedAt && span.durationMs > 0
      ? h(
          'button',
          { type: 'button', className: 'button small ghost', onClick: () => onZoom([Date.parse(span.startedAt), Date.parse(span.startedAt) + span.durationMs]), 'data-testid': 'zoom-span' },
          'Zoom timeline to this span',
        )
      : null,
    span.status === 'ERROR' ? h('div', { className: 'callout danger', 'data-testid': 'inspector-error' }, h('strong', null, 'Failed. '), span.errorMessage ?? 'no message recorded') : null,
    h(Redundancy, { finding, onSelect, inTree }),
    h(
      'dl',
      { className: 'fields' },
      h(CostFields, { span }),
      llm ? h(Field, { label: 'Inclusive', testId: 'inspector-inclusive' }, usd(span.inclusiveCostUsd)) : null,
      h(Tokens, { span }),
      h(Field, { label: 'Duration' }, duration(span.durationMs)),
      h(Field, { label: 'Started' }, dateTime(span.startedAt)),
      h(Field, { label: 'Model' }, span.model ? `${span.model}${span.provider ? ` · ${span.provider}` : ''}` : null),
      h(Field, { label: 'Tool' }, span.toolName ? `${span.toolName}${span.toolCallId ? ` · ${span.toolCallId}` : ''}` : null),
      h(Field, { label: 'Session' }, h('a', { href: sessionHref(span.sessionId, span.id) }, span.sessionId)),
    ),
    span.spawnedSessionId || span.spawnStatus
      ? h(
          'div',
          { className: 'callout subagent' },
          h('strong', null, 'Sub-agent '),
          span.spawnStatus ? h(Badge, { kind: span.spawnStatus }, span.spawnStatus) : null,
          sub
            ? h(
                'div',
                null,
                `${sub.agentName ?? sub.id}: ${count(sub.spanCount)} spans, ${inclusiveUsd(sub)}${sub.inclusiveIsLowerBound ? ` (${missingText(sub.missingSubagents)})` : ''} `,
                h('button', { type: 'button', className: 'button small', onClick: () => onOpenSubagent(span.id) }, 'Expand in tree'),
                ' ',
                h('a', { className: 'button small', href: sessionHref(sub.id), 'data-testid': 'open-subagent' }, 'Open session →'),
              )
            : h('div', { className: 'muted' }, 'The spawned session is not in the graph.'),
        )
      : null,
    llm ? h(LlmTurn, { span, store, onSelect }) : null,
    span.argsCanonical
      ? h('div', { className: 'block' }, h('h3', null, 'Arguments'), h(ArgsView, { args: span.args, raw: span.argsCanonical, truncated: /…\[\+\d+ chars\]$/.test(span.argsCanonical) }))
      : null,
    llm ? null : h(Block, { title: 'Result preview', text: prettyText(span.resultPreview), testId: 'inspector-result', note: span.resultChars ? `(${count(span.resultChars)} chars in full)` : '' }),
    llm ? null : h(Block, { title: 'Text', text: span.textPreview !== span.resultPreview ? span.textPreview : null, testId: 'inspector-text' }),
    span.attributes && Object.keys(span.attributes).length
      ? h('details', { className: 'block' }, h('summary', null, 'Attributes'), h('pre', null, JSON.stringify(span.attributes, null, 2)))
      : null,
  );
}
