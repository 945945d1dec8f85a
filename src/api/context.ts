// What every request handler gets: the graph, the pricer, and how to find the caller's project.
import type { IncomingMessage } from 'node:http';
import type { Pricer } from '../domain/cost/index.ts';
import type { Graph } from '../graph/driver.ts';
import type { BackgroundFinaliser } from '../ingest/background-finaliser.ts';
import type { AlertBus } from '../alerts/bus.ts';

/** The single project of local mode (no API keys, loopback only). */
export const LOCAL_PROJECT = 'local';

export interface AppContext {
  graph: Graph;
  pricer: Pricer;
  /** Address the server is bound to; keys are required on anything but loopback. */
  host: string;
  /** The project the request acts for: from its API key, never from the request body or URL. */
  projectFor(req: IncomingMessage): Promise<string>;
  /** Drains dirty sessions off the request path; started and stopped with the server. */
  finaliser?: BackgroundFinaliser;
  /** Alerts this process's finaliser fired, for delivery and the alert stream. */
  alertBus?: AlertBus;
}
