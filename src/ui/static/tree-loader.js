// Loads a session's call tree into a TreeStore page by page (the API gives at most 1000 nodes a
// request). The first page is drawn as soon as it arrives and the rest stream in behind it, so a
// 10,000-span session opens as fast as a small one. Sub-agent sessions load when first opened.
import { gql } from './api.js';
import { TREE_PAGE } from './queries.js';
import { useEffect, useReducer, useRef } from './react.js';
import { TreeStore } from './tree-model.js';

const PAGE_SIZE = 1000;

async function loadSessionTree(store, sessionId, changed, isCancelled) {
  const state = { loaded: 0, total: null, done: false, error: null };
  store.loading.set(sessionId, state);
  let after = null;
  try {
    do {
      const data = await gql(TREE_PAGE, { id: sessionId, first: PAGE_SIZE, after });
      if (isCancelled()) return;
      const tree = data.session?.tree;
      if (!tree) throw new Error(`No session ${sessionId}`);
      store.addPage(sessionId, tree.nodes);
      state.loaded += tree.nodes.length;
      state.total = tree.totalCount;
      after = tree.pageInfo.hasNextPage ? tree.pageInfo.endCursor : null;
      if (!after) state.done = true;
      changed();
    } while (after);
  } catch (error) {
    if (isCancelled()) return;
    state.error = error;
    changed();
  }
}

/** { store, version, toggle(id, open?), load } — `version` changes whenever the store does. */
export function useSessionTree(sessionId) {
  const storeRef = useRef(null);
  if (!storeRef.current || storeRef.current.rootSessionId !== sessionId) storeRef.current = new TreeStore(sessionId);
  const store = storeRef.current;
  const [version, bump] = useReducer((v) => v + 1, 0);
  // Each mount of a session gets its own flag, so a superseded load can never write into the view.
  const isCancelled = useRef(() => false);

  useEffect(() => {
    let off = false;
    isCancelled.current = () => off;
    loadSessionTree(store, sessionId, bump, isCancelled.current);
    return () => {
      off = true;
    };
  }, [store, sessionId]);

  const toggle = (id, open) => {
    const toLoad = store.toggle(id, open);
    if (toLoad) loadSessionTree(store, toLoad, bump, isCancelled.current);
    bump();
  };
  const reveal = (id) => {
    store.reveal(id);
    bump();
  };
  return { store, version, toggle, reveal };
}
