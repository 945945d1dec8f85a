// Which OpenClaw session a hook is about. Hooks name sessions differently: model-call and tool
// hooks carry the sessionId (a transcript's id, our traceId), before_message_write only the
// sessionKey (`agent:main:main`, reused across /new), subagent hooks only keys. This remembers the
// latest sessionId seen for each key, from the hooks' own context, and tells listeners when a key
// gets its id (a spawned child's first hook is what reveals the child session).

/** A Map that forgets its oldest entries past `limit`, so long-running gateways stay bounded. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    while (this.size > this.limit) this.delete(this.keys().next().value as K);
    return this;
  }
}

export class SessionIdentity {
  private readonly idByKey = new BoundedMap<string, string>(10_000);
  private readonly agentById = new BoundedMap<string, string>(10_000);
  private readonly listeners: Array<(sessionKey: string, sessionId: string) => void> = [];

  onLearn(listener: (sessionKey: string, sessionId: string) => void): void {
    this.listeners.push(listener);
  }

  learn(sessionKey: string | undefined, sessionId: string | undefined, agentId?: string): void {
    if (sessionId && agentId) this.agentById.set(sessionId, agentId);
    if (!sessionKey || !sessionId || this.idByKey.get(sessionKey) === sessionId) return;
    this.idByKey.set(sessionKey, sessionId);
    for (const listener of this.listeners) listener(sessionKey, sessionId);
  }

  /** The session a hook means: its own sessionId, else the latest one seen for its key, else the key itself. */
  traceOf(sessionId: string | undefined, sessionKey: string | undefined): string {
    return sessionId ?? (sessionKey ? (this.idByKey.get(sessionKey) ?? sessionKey) : 'unknown-session');
  }

  idOf(sessionKey: string | undefined): string | undefined {
    return sessionKey ? this.idByKey.get(sessionKey) : undefined;
  }

  agentOf(sessionId: string): string | null {
    return this.agentById.get(sessionId) ?? null;
  }
}
