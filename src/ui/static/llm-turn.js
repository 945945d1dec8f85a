// A model call as a turn of the conversation: what it was answering (the last message of its
// prompt: the results of the tool calls the previous model call made, or for the first call the
// session's task), what it thought and answered, and the tool calls it asked for. The graph keeps
// no prompt text, but the tree says which tool results came just before the call; their previews
// are fetched here. Text previews are what the API stores: the first few hundred characters.
import { gql } from './api.js';
import { count } from './format.js';
import { h, useEffect, useState } from './react.js';
import { rowSnippet } from './row-text.js';
import { Folded, prettyText } from './value-view.js';
import { KindTag } from './widgets.js';

/** At most this many tool results are shown as the call's input (the alias limit allows 30). */
const MAX_INPUTS = 12;

/**
 * The spans whose results made up the call's last message: the tool calls (non-LLM children) of
 * the closest earlier model call under the same parent. null when this is the first model call
 * there (its input is the task); [] when the previous call made no tool call (a user message).
 */
export function inputSpanIds(store, spanId) {
  const node = store.nodes.get(spanId);
  if (!node) return null;
  const parent = store.parentOf(node);
  const siblings = parent ? store.childrenOfLoaded(parent) : store.rootsOf(node.sessionId);
  const at = siblings.indexOf(spanId);
  for (let i = at - 1; i >= 0; i--) {
    const previous = store.nodes.get(siblings[i]);
    if (previous?.kind !== 'LLM') continue;
    return previous.childIds.filter((id) => store.nodes.get(id)?.kind !== 'LLM').slice(0, MAX_INPUTS);
  }
  return null;
}

const INPUT_FIELDS = 'id kind seq toolName snippet resultPreview resultChars status errorMessage';

function useInputs(ids) {
  const key = ids ? ids.join('|') : '';
  const [state, setState] = useState({ key: null, spans: [] });
  useEffect(() => {
    if (!ids?.length) return undefined;
    let current = true;
    // Aliased lookups with ids as variables (never pasted into the query text).
    const vars = Object.fromEntries(ids.map((id, i) => [`i${i}`, id]));
    const query = `query Inputs(${ids.map((_, i) => `$i${i}: ID!`).join(', ')}) { ${ids.map((_, i) => `s${i}: span(id: $i${i}) { ${INPUT_FIELDS} }`).join(' ')} }`;
    gql(query, vars).then(
      (data) => current && setState({ key, spans: ids.map((_, i) => data[`s${i}`]).filter(Boolean) }),
      () => current && setState({ key, spans: [] }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return state.key === key ? state.spans : null;
}

/** `[thinking] …` previews hold the model's reasoning; the answer text is the result preview. */
export function splitAnswer(span) {
  const text = span.textPreview ?? '';
  const thinking = /^\[thinking\]\s*/i.exec(text);
  if (thinking) return { thinking: text.slice(thinking[0].length), answer: span.resultPreview ?? '' };
  return { thinking: '', answer: text || span.resultPreview || '' };
}

function ToolResult({ span, onSelect }) {
  return h(
    'li',
    { className: 'turn-input' },
    h(
      'div',
      { className: 'turn-call' },
      h(KindTag, { kind: span.kind }),
      h('a', { href: '#', onClick: (e) => (e.preventDefault(), onSelect(span.id, { scroll: true })) }, span.toolName ?? `#${span.seq}`),
      span.snippet ? h('span', { className: 'muted' }, ` ${span.snippet}`) : null,
    ),
    span.status === 'ERROR'
      ? h('div', { className: 'danger small' }, `failed: ${span.errorMessage ?? 'no message'}`)
      : span.resultPreview
        ? h(Folded, { text: prettyText(span.resultPreview) })
        : h('div', { className: 'muted small' }, 'no result recorded'),
    span.resultChars && span.resultPreview && span.resultChars > span.resultPreview.length ? h('div', { className: 'muted small' }, `(${count(span.resultChars)} characters in full)`) : null,
  );
}

function Input({ ids, task, onSelect }) {
  const spans = useInputs(ids);
  if (ids === null) {
    return task
      ? h('div', { className: 'turn-part', 'data-testid': 'turn-input' }, h('h4', null, 'In: the task (user message)'), h(Folded, { text: task }))
      : h('div', { className: 'turn-part muted small', 'data-testid': 'turn-input' }, 'The first model call of this session; no task recorded.');
  }
  if (!ids.length) return h('div', { className: 'turn-part muted small', 'data-testid': 'turn-input' }, 'The previous model call asked for no tool: this one answers a user message (not stored).');
  return h(
    'div',
    { className: 'turn-part', 'data-testid': 'turn-input' },
    h('h4', null, `In: ${ids.length === 1 ? 'the result' : `the ${ids.length} results`} of the previous call's tool ${ids.length === 1 ? 'call' : 'calls'}`),
    spans ? h('ul', { className: 'turn-list' }, spans.map((s) => h(ToolResult, { key: s.id, span: s, onSelect }))) : h('p', { className: 'muted small' }, 'Loading…'),
  );
}

function Requested({ store, spanId, onSelect }) {
  const node = store.nodes.get(spanId);
  const calls = (node?.childIds ?? []).map((id) => store.nodes.get(id)).filter(Boolean);
  if (!calls.length) return null;
  return h(
    'div',
    { className: 'turn-part', 'data-testid': 'turn-calls' },
    h('h4', null, `Out: ${calls.length === 1 ? '1 tool call' : `${calls.length} tool calls`}`),
    h(
      'ul',
      { className: 'turn-list' },
      calls.map((c) =>
        h(
          'li',
          { key: c.id, className: 'turn-call' },
          h(KindTag, { kind: c.kind }),
          h('a', { href: '#', onClick: (e) => (e.preventDefault(), onSelect(c.id, { scroll: true })) }, c.span.toolName ?? c.name),
          ' ',
          h('span', { className: 'muted' }, rowSnippet(c, store.nodes)),
        ),
      ),
    ),
  );
}

/** The turn of a model call; `store` is the page's tree (the turn's neighbours come from it). */
export function LlmTurn({ span, store, onSelect }) {
  const { thinking, answer } = splitAnswer(span);
  const ids = store.nodes.has(span.id) ? inputSpanIds(store, span.id) : undefined;
  return h(
    'div',
    { className: 'block turn', 'data-testid': 'llm-turn' },
    h('h3', null, 'Conversation turn'),
    ids === undefined ? null : h(Input, { ids, task: span.session?.task ?? null, onSelect }),
    thinking ? h('div', { className: 'turn-part' }, h('h4', null, 'Thinking'), h(Folded, { text: thinking, className: 'thinking' })) : null,
    h(
      'div',
      { className: 'turn-part' },
      h('h4', null, 'Answer'),
      answer ? h(Folded, { text: answer, testId: 'turn-answer' }) : h('p', { className: 'muted small', 'data-testid': 'turn-answer' }, 'No text: the call answered with tool calls only.'),
    ),
    h(Requested, { store, spanId: span.id, onSelect }),
  );
}
