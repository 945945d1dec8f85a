// Which model ran a trajectory. SWE-agent 1.x records it in `replay_config` (agent.model.name). 0.x
// trajectories do not name it anywhere in the file: only the run directory does, as its first
// segment (`<model>__<data>__<config>__t-<temp>__p-<top_p>__c-<cost limit>__install-<n>`), and
// that segment is SWE-agent's shortcut, which its models.py (SHORTCUTS) resolves to the API model.
// `gpt4` meant gpt-4-1106-preview: the corpus run's recorded $1.26719 is exactly its list price
// ($10 / $30 per million) × the recorded 122,612 / 1,369 tokens.
import path from 'node:path';
import { isJsonObject, parseLosslessJson, type JsonValue } from '../shared/lossless-json.ts';

const SHORTCUTS: Readonly<Record<string, string>> = {
  gpt3: 'gpt-3.5-turbo-1106',
  'gpt3-legacy': 'gpt-3.5-turbo-16k-0613',
  gpt4: 'gpt-4-1106-preview',
  'gpt4-legacy': 'gpt-4-0613',
  'gpt4-0125': 'gpt-4-0125-preview',
  'gpt3-0125': 'gpt-3.5-turbo-0125',
  'claude-2': 'claude-2.1',
  'claude-opus': 'claude-3-opus-20240229',
  'claude-sonnet': 'claude-3-sonnet-20240229',
  'claude-haiku': 'claude-3-haiku-20240307',
  'claude-sonnet-3.5': 'claude-3-5-sonnet-20240620',
};

const RUN_DIRECTORY = /^(.+?)__.+__t-[\d.]+__p-[\d.]+__c-[\d.]+/;

export interface ModelChoice {
  model: string;
  provider: string | null;
  /** Where the name came from, kept on the spans. */
  from: string;
}

function provider(model: string): string | null {
  if (/^(gpt|o\d|text-)/.test(model)) return 'openai';
  if (/^claude/.test(model)) return 'anthropic';
  return null;
}

function resolve(name: string, from: string): ModelChoice {
  const bare = name.replace(/^azure:/, '');
  const model = Object.hasOwn(SHORTCUTS, bare) ? SHORTCUTS[bare]! : bare;
  return { model, provider: provider(model), from };
}

/** `replay_config` (a JSON string or object) → agent.model.name. */
function fromReplayConfig(config: JsonValue | undefined): string | undefined {
  const parsed = typeof config === 'string' ? parseLosslessJson(config) : { ok: true as const, value: config ?? null };
  if (!parsed.ok || !isJsonObject(parsed.value)) return undefined;
  const agent = parsed.value.agent;
  const model = isJsonObject(agent) ? agent.model : undefined;
  const name = isJsonObject(model) ? model.name : undefined;
  return typeof name === 'string' && name ? name : undefined;
}

export function chooseModel(filePath: string, replayConfig: JsonValue | undefined): ModelChoice | undefined {
  const configured = fromReplayConfig(replayConfig);
  if (configured) return resolve(configured, 'replay_config');
  const directory = path.basename(path.dirname(filePath));
  const match = RUN_DIRECTORY.exec(directory);
  return match ? resolve(match[1]!, `run directory ${directory.slice(0, 80)}`) : undefined;
}
