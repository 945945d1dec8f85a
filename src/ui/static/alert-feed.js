// Alerts as they fire, while the explorer is open: one feed per page, shared by the banner and the
// Alerts page. It reads GET /v1/alerts/stream (Server-Sent Events) with fetch rather than
// EventSource, because EventSource can send neither the API key nor tell a 404 from a dropped
// connection. After a drop it reconnects with Last-Event-ID (nothing missed, nothing twice); a
// server without the stream is polled through GraphQL `alerts(where: {since})` instead. The stream
// came with alert delivery (GraphQL `webhooks`): a server whose schema lacks that field is polled
// without asking for the stream first, so a page load never asks for something that is not there.
import { apiKey, gql } from './api.js';
import { ALERTS_SINCE, QUERY_FIELDS } from './queries.js';
import { useEffect, useState } from './react.js';

const RETRY_MS = 2000;
export const POLL_MS = 3000;

/** Splits SSE text into events; `state` carries the unfinished line and event between chunks. */
export function parseSse(state, chunk) {
  const events = [];
  const lines = (state.rest + chunk).split(/\r\n|\r|\n/);
  state.rest = lines.pop() ?? '';
  for (const line of lines) {
    if (line === '') {
      if (state.data.length) events.push({ event: state.event || 'message', data: state.data.join('\n'), id: state.lastId });
      state.data = [];
      state.event = '';
    } else if (!line.startsWith(':')) {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') state.data.push(value);
      else if (field === 'event') state.event = value;
      else if (field === 'id') state.lastId = value;
    }
  }
  return events;
}

const sleep = (ms) => new Promise((resolve) => window.setTimeout(resolve, ms));

function createFeed() {
  const listeners = new Set();
  const seen = new Set();
  const startedMs = Date.now();
  let mode = 'connecting';
  let started = false;

  const emit = (alert) => {
    if (!alert?.id || seen.has(alert.id)) return;
    seen.add(alert.id);
    for (const listener of listeners) listener({ type: 'alert', alert });
  };
  const setMode = (next) => {
    mode = next;
    for (const listener of listeners) listener({ type: 'mode', mode });
  };

  async function stream() {
    let lastId = null;
    for (;;) {
      const headers = { accept: 'text/event-stream' };
      const key = apiKey.get();
      if (key) headers.authorization = `Bearer ${key}`;
      if (lastId) headers['last-event-id'] = lastId;
      let res;
      try {
        res = await fetch(`/v1/alerts/stream?after=${startedMs}`, { headers });
      } catch {
        setMode('reconnecting');
        await sleep(RETRY_MS);
        continue;
      }
      if (res.status === 404) return false;
      if (!res.ok || !res.body) {
        setMode('reconnecting');
        await sleep(RETRY_MS * 2);
        continue;
      }
      setMode('live');
      const state = { rest: '', data: [], event: '', lastId };
      const reader = res.body.getReader();
      const decoder = new window.TextDecoder();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          for (const event of parseSse(state, decoder.decode(value, { stream: true }))) {
            if (event.event !== 'alert') continue;
            try {
              emit(JSON.parse(event.data));
            } catch {
              // A malformed event is skipped; the next one still arrives.
            }
          }
          lastId = state.lastId;
        }
      } catch {
        // The connection dropped: reconnect below.
      }
      lastId = state.lastId;
      setMode('reconnecting');
      await sleep(RETRY_MS);
    }
  }

  async function poll() {
    setMode('polling');
    let since = new Date(startedMs).toISOString();
    for (;;) {
      try {
        const data = await gql(ALERTS_SINCE, { since });
        const nodes = [...data.alerts.nodes].reverse();
        for (const alert of nodes) emit(alert);
        // Look back a little: an alert may commit just after a newer one was read.
        const newest = nodes.at(-1);
        if (newest) since = new Date(Math.max(startedMs, Date.parse(newest.firedAt) - 10_000)).toISOString();
      } catch {
        // The server is away for a moment: try again at the next poll.
      }
      await sleep(POLL_MS);
    }
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      listener({ type: 'mode', mode });
      if (!started) {
        started = true;
        gql(QUERY_FIELDS)
          .then((data) => (data.__type?.fields ?? []).some((f) => f.name === 'webhooks'))
          .catch(() => true)
          .then((hasStream) => (hasStream ? stream() : false))
          .then((available) => available === false && poll());
      }
      return () => listeners.delete(listener);
    },
  };
}

let feed = null;

/** Calls `onAlert(alert)` for each alert fired after the page opened; returns how the feed reads them. */
export function useAlertFeed(onAlert) {
  const [mode, setMode] = useState('connecting');
  useEffect(() => {
    feed ??= createFeed();
    return feed.subscribe((message) => (message.type === 'mode' ? setMode(message.mode) : onAlert(message.alert)));
  }, []);
  return mode;
}
