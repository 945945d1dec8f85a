// How the explorer marks an inclusive cost that is a lower bound: sub-agents spawned somewhere in
// the session's tree whose transcript is not here cost something the total cannot hold. The total
// then reads "≥ $x" and says how many are missing, in the session view and the sessions table.
import { usd } from './format.js';

/** "1 sub-agent missing" / "3 sub-agents missing". */
export function missingText(missing) {
  return `${missing} sub-agent${missing === 1 ? '' : 's'} missing`;
}

/** The inclusive cost as shown: "≥ $31.53" when it is a lower bound, else the plain amount. */
export function inclusiveUsd(session) {
  return session.inclusiveIsLowerBound ? `≥ ${usd(session.totalCostUsd)}` : usd(session.totalCostUsd);
}

/** The hover text of a lower-bound total, null when the total is complete. */
export function lowerBoundHint(session) {
  if (!session.inclusiveIsLowerBound) return null;
  return `Lower bound: ${missingText(session.missingSubagents)} (spawned, but the transcript is not here): their cost is not in this total.`;
}
