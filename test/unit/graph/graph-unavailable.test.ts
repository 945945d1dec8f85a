// Which errors mean "the database is not there right now" (answer 503 + Retry-After, the client
// retries) rather than a failure of the request (500): the errors seen when Neo4j stops mid-stream.
import { describe, expect, it } from 'vitest';
import { isGraphUnavailable } from '../../../src/graph/driver.ts';

const neo4jError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isGraphUnavailable', () => {
  it('is true for lost connections and transactions the server stopped', () => {
    for (const code of ['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable', 'Neo.ClientError.Transaction.Terminated', 'Neo.ClientError.Transaction.LockClientStopped']) {
      expect(isGraphUnavailable(neo4jError(code)), code).toBe(true);
    }
    for (const message of ['connect ECONNREFUSED 127.0.0.1:7687', 'read ECONNRESET', 'write EPIPE', 'Connection was closed by server', 'Pool is closed, it is no more able to serve requests.']) {
      expect(isGraphUnavailable(neo4jError('', message)), message).toBe(true);
    }
  });

  it('is false for errors of the request itself', () => {
    for (const code of ['Neo.ClientError.Statement.SyntaxError', 'Neo.ClientError.Schema.ConstraintValidationFailed', 'Neo.ClientError.Statement.ParameterMissing']) {
      expect(isGraphUnavailable(neo4jError(code)), code).toBe(false);
    }
    expect(isGraphUnavailable('not an error')).toBe(false);
  });
});
