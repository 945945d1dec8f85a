// What tells a poll loop (DESIGN §7) from a duplicate, as parameters of
// cypher/redundancy/poll-loops.cypher: results that say the awaited state has not arrived, and
// how long an agent must have waited between two identical checks with nothing else in between.

/**
 * Matched against the start of the earlier call's result (case-insensitive): OpenClaw's
 * "(no new output) Process still running." and "Command still running (session …)", Claude Code
 * BashOutput's `<status>running</status>` and TaskOutput's `not_ready`, and JSON or text statuses
 * of a job that is running, pending, queued or in progress.
 */
export const WAITING_PATTERN =
  '(?is).*(still running|still in progress|no new output|<status>running</status>|not_ready|' +
  '"?(status|state)"?\\s*[:=]\\s*"?(running|pending|queued|in_progress|in progress)\\b).*';

/**
 * Results that say the awaited state has arrived (a process exited, a job completed). Checking
 * again after one of these is not waiting any more: an unchanged repeat is a duplicate.
 */
export const FINISHED_PATTERN =
  '(?is).*(<status>(completed|failed|killed)</status>|process exited|exited with code|exit code|' +
  '\\b(done|finished|completed)\\b).*';

/** Two identical checks this far apart, with nothing else in between, mean the agent waited. */
export const MIN_WAIT_SECONDS = 30;
