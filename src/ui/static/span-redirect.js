// #/span/<id>: provenance links cite spans by id alone; find the span's session and open it there
// with the span selected.
import { gql } from './api.js';
import { h, useEffect, useState } from './react.js';
import { navigate, sessionHref } from './router.js';
import { ErrorBox, Loading } from './widgets.js';

export function SpanRedirect({ spanId }) {
  const [error, setError] = useState(null);
  useEffect(() => {
    gql('query SpanSession($id: ID!) { span(id: $id) { id sessionId } }', { id: spanId }).then(
      (data) => (data.span ? navigate(sessionHref(data.span.sessionId, spanId), { replace: true }) : setError(new Error(`No span ${spanId} in this project`))),
      setError,
    );
  }, [spanId]);
  return error ? h(ErrorBox, { error }) : h(Loading, { what: 'Finding the span' });
}
