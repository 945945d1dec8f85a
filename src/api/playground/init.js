// Mounts GraphiQL on the page, talking to this server's /graphql with the page's API key (if the
// user typed one into the headers tab, GraphiQL sends it). Loaded from /graphql/assets/init.js so
// the page needs no inline script.
/* global React, ReactDOM, GraphiQL, document, window */
(function mount() {
  const fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
  const defaultQuery = [
    '# ClawTrace GraphQL playground. Ctrl-Enter runs the query; the Docs panel explores the schema.',
    '{',
    '  sessions(first: 10, orderBy: { field: TOTAL_COST_USD, direction: DESC }) {',
    '    edges { node { id agentName source startedAt totalCostUsd } }',
    '    pageInfo { hasNextPage endCursor }',
    '  }',
    '}',
    '',
  ].join('\n');
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }));
})();
