// Reads the files of one import group and runs the matching adapter.
import fs from 'node:fs';
import type { NormalisedBatch } from '../domain/model.ts';
import { parseClaudeCode } from './claude-code/index.ts';
import type { ImportGroup } from './discover.ts';
import { eventsToBatch, parseEventsBody } from './events/index.ts';
import { parseLangfuseExport } from './langfuse/index.ts';
import { parseOpenClaw } from './openclaw/index.ts';
import { readOpenClawFiles } from './openclaw/read-files.ts';
import { parseOtelSdkJson } from './otel-sdk-json/index.ts';
import { decodeOtlpRequest, otlpToBatch } from './otlp/index.ts';
import { parseSweAgentTrajectory } from './swe-agent/index.ts';
import type { SourceFile } from './types.ts';
import { parseTauBench } from './tau-bench/index.ts';
import { gpt4oTokenCounter } from './tau-bench/tokenizer.ts';
import type { OutcomeRecord } from './tau-bench/outcome.ts';

function readSource(file: string): SourceFile {
  return { path: file, text: fs.readFileSync(file, 'utf8') };
}

/** What a group yields: the records, plus recorded outcomes for sources that carry them (τ-bench rewards). */
export type ParsedGroup = NormalisedBatch & { outcomes?: OutcomeRecord[] };

/**
 * Async because OpenClaw SQLite stores are read with sql.js, whose wasm loads asynchronously.
 * `onFile` is told each file of a many-file group (OpenClaw, Claude Code) once read, so an import's
 * progress advances per file; single-file groups are done when their group is.
 */
export async function parseGroup(group: ImportGroup, onFile?: (file: string) => void): Promise<ParsedGroup> {
  switch (group.format) {
    case 'openclaw': {
      const input = await readOpenClawFiles(group.files, onFile);
      const batch = parseOpenClaw(input.sources, {
        sessionsJson: group.sessionsJson ? readSource(group.sessionsJson) : undefined,
        runsJson: group.runsJson ? readSource(group.runsJson) : undefined,
        sessionKeys: input.sessionKeys,
      });
      batch.rejections.unshift(...input.rejections);
      return batch;
    }
    case 'claude-code':
      return parseClaudeCode(
        group.files.map((file) => {
          const source = readSource(file);
          onFile?.(file);
          return source;
        }),
      );
    case 'otlp-json': {
      const file = group.files[0]!;
      try {
        return otlpToBatch(decodeOtlpRequest(fs.readFileSync(file), 'application/json').request);
      } catch (error) {
        return { sessions: [], spans: [], spawns: [], rejections: [{ location: file, reason: (error as Error).message }] };
      }
    }
    // Pure adapters that report a bad file (or a bad part of it) as located rejections.
    case 'langfuse':
      return parseLangfuseExport(readSource(group.files[0]!));
    case 'otel-sdk-json':
      return parseOtelSdkJson(readSource(group.files[0]!));
    case 'swe-agent':
      return parseSweAgentTrajectory(readSource(group.files[0]!));
    case 'tau-bench':
      return parseTauBench(readSource(group.files[0]!), { countTokens: gpt4oTokenCounter() });
    case 'events': {
      const file = group.files[0]!;
      const { events, rejections } = parseEventsBody(fs.readFileSync(file, 'utf8'));
      const batch = eventsToBatch(events);
      batch.rejections.push(...rejections.map((r) => ({ ...r, location: `${file}: ${r.location}` })));
      return batch;
    }
  }
}
