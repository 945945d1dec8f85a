// In-process notice of alerts just fired by this process's finaliser: the delivery worker and the
// alert stream react at once instead of at their next poll. Alerts fired by another engine replica
// reach them through that poll of the graph; the bus is only a shortcut.
import type { Alert } from './types.ts';

export type AlertListener = (projectId: string, alerts: Alert[]) => void;

export class AlertBus {
  private readonly listeners = new Set<AlertListener>();

  /** Returns the unsubscribe function. */
  subscribe(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(projectId: string, alerts: Alert[]): void {
    for (const listener of this.listeners) {
      try {
        listener(projectId, alerts);
      } catch (error) {
        // A listener's failure must not stop the finaliser or the other listeners.
        console.error('[alerts] listener failed:', error);
      }
    }
  }
}
