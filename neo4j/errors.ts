/** A problem starting the local Neo4j, with the fix a user can apply. */
export class Neo4jSetupError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(`${message}\n  fix: ${fix}`);
    this.name = 'Neo4jSetupError';
  }
}
