// The recurring task a session ran for, so distill can learn from "every run of this job" without a
// hand-picked session list (DESIGN §7):
//   cron_job         OpenClaw cron runs: the prompt starts `[cron:<jobId> <job name>]`, or the
//                    session key is `agent:<agent>:cron:<jobId>`;
//   prompt_template  otherwise the first line of the prompt with numbers masked (`PR #75 Batch 3/4`
//                    and `PR #76 Batch 1/4` are one template). A template is a cohort only once two
//                    or more sessions share it (the listing query checks that).
import { sha256Hex } from '../hash.ts';

export type TaskCohortDetection = 'cron_job' | 'prompt_template';

export interface TaskCohort {
  /** Stable key: `cron:<jobId>` or `template:<hash>`. */
  key: string;
  name: string;
  detectedBy: TaskCohortDetection;
}

const CRON_PROMPT = /^\s*\[cron:([A-Za-z0-9_-]+)(?:\s+([^\]]*))?\]/;
const CRON_KEY = /:cron:([A-Za-z0-9_-]+)(?::|$)/;
/** Shorter first lines ("hi", "continue") say nothing about a recurring task. */
const MIN_TEMPLATE_CHARS = 16;
const MAX_NAME_CHARS = 100;

/** The prompt's first line that has words in it, without markdown decoration. */
function firstLine(prompt: string): string | null {
  for (const raw of prompt.split('\n')) {
    const line = raw.replace(/^[\s#>*_-]+/, '').replace(/[*_`]+/g, '').replace(/\s+/g, ' ').trim();
    if (/[A-Za-z]{3}/.test(line)) return line;
  }
  return null;
}

export function taskCohortOf(prompt: string | null, sessionKey: string | null): TaskCohort | null {
  const cron = prompt ? CRON_PROMPT.exec(prompt) : null;
  if (cron) return { key: `cron:${cron[1]}`, name: (cron[2]?.trim() || `cron ${cron[1]}`).slice(0, MAX_NAME_CHARS), detectedBy: 'cron_job' };
  const keyed = sessionKey ? CRON_KEY.exec(sessionKey) : null;
  if (keyed) return { key: `cron:${keyed[1]}`, name: `cron ${keyed[1]}`, detectedBy: 'cron_job' };
  const line = prompt ? firstLine(prompt) : null;
  if (!line) return null;
  const masked = line.replace(/\d+/g, '#').slice(0, MAX_NAME_CHARS);
  if (masked.length < MIN_TEMPLATE_CHARS) return null;
  return { key: `template:${sha256Hex(masked.toLowerCase()).slice(0, 16)}`, name: masked, detectedBy: 'prompt_template' };
}
