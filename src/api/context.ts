// What every request handler gets: the graph and the project the caller acts for.
import type { Graph } from '../graph/driver.ts';

/** The single project of local mode (no API keys, loopback only). */
export const LOCAL_PROJECT = 'local';

export interface AppContext {
  graph: Graph;
  /** Address the server is bound to; keys are required on anything but loopback. */
  host: string;
}
