// In-process news of alerts just fired: the finaliser tells it after a round that fired alerts, and
// the delivery worker and SSE streams listening wake at once instead of at their next poll. Only
// a hint: they also poll the graph, since another engine process may have fired the alerts.

export interface FiredAlert {
  projectId: string;
  id: string;
}

export type AlertListener = (alerts: FiredAlert[]) => void;

export class AlertBus {
  private readonly listeners = new Set<AlertListener>();

  /** Listens until the returned function is called. */
  onFired(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fired(alerts: FiredAlert[]): void {
    if (alerts.length === 0) return;
    for (const listener of this.listeners) {
      // A listener's failure is its own: the finaliser that reports must not fail for it.
      try {
        listener(alerts);
      } catch {
        /* ignored */
      }
    }
  }
}
