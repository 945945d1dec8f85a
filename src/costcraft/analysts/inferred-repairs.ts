// Repair wording for failures that were inferred, not recorded (src/domain/insights/infer-outcome.ts):
// real sessions carry no oracle, so the remedy follows from how the session visibly failed. Every
// rule says the outcome was inferred, so a reader knows how much weight it bears.
import type { Section } from '../patch.ts';

type Text = [rule: string, rootCause: string, section: Section];

/** Rule, root cause and section for an `inferred_*` repair kind; undefined for any other kind. */
export function inferredRepairText(kind: string, toolCode: string, seen: string): Text | undefined {
  const tool = toolCode === '`?`' ? 'a tool' : toolCode;
  const note = '(outcome inferred from the session, none recorded)';
  const byKind: Record<string, Text> = {
    inferred_no_closing_message: [
      `Finish with a closing report — what changed, how it was verified, what is left; ${seen} stopped after a call of ${tool} without one.`,
      `the session ends on a tool call and the agent never reported back ${note}`,
      'Artifact checklist',
    ],
    inferred_closing_message: [
      `When the work cannot be finished, name the blocker and what was tried in the first line of the report; ${seen} ended with a stated failure.`,
      `the agent's closing message states a failure or a blocker ${note}`,
      'Stop rules',
    ],
    inferred_final_llm_error: [
      `When a model call fails, retry it once or hand over with a report; ${seen} ended on a failed model call.`,
      `the last model call ended in error or was aborted ${note}`,
      'Stop rules',
    ],
    inferred_unrecovered_failure: [
      `Check the result of ${tool} and fix the cause before going on; in ${seen} it failed and no later ${tool} call succeeded.`,
      `${tool} failed and was never got past ${note}`,
      'Workflow',
    ],
    inferred_session_failed: [
      `Report a failure explicitly instead of ending silently; ${seen} were marked failed by their source.`,
      `the source marked the session failed ${note}`,
      'Stop rules',
    ],
  };
  return byKind[kind];
}
