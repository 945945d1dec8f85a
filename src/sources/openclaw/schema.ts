// zod schemas for the lines of an OpenClaw session transcript (JSONL version 3, and the version 4
// OpenClaw 2026.9+ stamps on transcripts it keeps in SQLite: same entry shapes, new header number).
//
// Only the fields the adapter reads are validated, and they are validated strictly: a line whose
// usage, content or tool call has the wrong shape is rejected (with a located reason) rather than
// half-read. Fields the adapter does not depend on (tool `details`, custom `data`, request start
// time) are read leniently, because their shape varies between tools and OpenClaw versions
// (e.g. `web_fetch` puts an HTTP status number in `details.status`).
import { z } from 'zod';
import { toEpochMs } from './time.ts';

/** Header versions read; 4 (OpenClaw 2026.9+, SQLite stores) changed no entry shape the adapter reads. */
export const TRANSCRIPT_VERSIONS: readonly number[] = [3, 4];

/** An ISO string (or epoch ms) that is a real instant, as epoch milliseconds. */
const Instant = z.union([z.string(), z.number()], { error: 'expected an ISO timestamp' }).transform((value, ctx) => {
  const ms = toEpochMs(value);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: 'not a valid timestamp' });
    return z.NEVER;
  }
  return ms;
});

/** Read leniently: an unusable value becomes undefined instead of rejecting the line. */
const OptionalInstant = z
  .unknown()
  .optional()
  .transform((value) => toEpochMs(value) ?? undefined);
const OptionalString = z.string().optional().catch(undefined);

export const HeaderSchema = z.object({
  type: z.literal('session'),
  version: z.number(),
  id: z.string().min(1),
  timestamp: Instant,
  cwd: OptionalString,
});

/** What every entry after the header has; entries form a tree through id / parentId. */
export const EntryBaseSchema = z.object({
  type: z.string().min(1),
  id: z.string().min(1),
  parentId: z.string().nullish(),
  timestamp: Instant,
});

const TextBlock = z.object({ type: z.literal('text'), text: z.string() });
const ThinkingBlock = z.object({ type: z.literal('thinking'), thinking: z.string() });
const ToolCallBlock = z.object({
  type: z.literal('toolCall'),
  id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.unknown().optional(),
});
const ImageBlock = z.object({ type: z.literal('image') });
const KNOWN_BLOCK_TYPES: readonly string[] = ['text', 'thinking', 'toolCall', 'image'];
/** Block types a newer OpenClaw may add: kept out of the way, never a reason to reject a line. */
const OtherBlock = z.object({
  type: z.string().refine((t) => !KNOWN_BLOCK_TYPES.includes(t), {
    error: (issue) => `malformed ${JSON.stringify(issue.input)} block (missing or mistyped fields)`,
  }),
});
const ContentBlock = z.union([TextBlock, ThinkingBlock, ToolCallBlock, ImageBlock, OtherBlock]);
export type ContentBlock = z.infer<typeof ContentBlock>;

/** User and tool-result content may be a plain string or a list of blocks. */
const Content = z.union([z.string(), z.array(ContentBlock)], { error: 'expected a string or a list of content blocks' });

const TokenCount = z.number().nonnegative();
export const UsageSchema = z.object({
  input: TokenCount,
  output: TokenCount,
  cacheRead: TokenCount.optional(),
  cacheWrite: TokenCount.optional(),
  cost: z.object({ total: z.number().nonnegative().optional() }).optional(),
});

export const UserMessageSchema = z.object({
  role: z.literal('user'),
  content: Content,
});

export const AssistantMessageSchema = z.object({
  role: z.literal('assistant'),
  content: z.array(ContentBlock),
  provider: z.string().optional(),
  model: z.string().optional(),
  api: OptionalString,
  usage: UsageSchema.optional(),
  stopReason: z.string().optional(),
  errorMessage: OptionalString,
  /** When the request was sent (the entry timestamp is when the response was written). */
  timestamp: OptionalInstant,
});
export type AssistantMessage = z.infer<typeof AssistantMessageSchema>;

export const ToolResultMessageSchema = z.object({
  role: z.literal('toolResult'),
  toolCallId: z.string().min(1),
  toolName: z.string().optional(),
  content: Content,
  details: z.unknown().optional(),
  isError: z.boolean().optional(),
});

/** Roles other than these three (e.g. future custom roles) are skipped, not rejected. */
export const MessageRoleSchema = z.object({ role: z.string().min(1) });

export const MessageEntrySchema = z.object({ message: z.record(z.string(), z.unknown()) });

export const ModelChangeSchema = z.object({
  provider: OptionalString,
  modelId: OptionalString,
});

export const CustomEntrySchema = z.object({
  customType: OptionalString,
  data: z.unknown().optional(),
});

/** A short, readable account of why a value failed a schema (first few issues, with paths). */
export function describeIssues(error: z.ZodError, prefix: string[] = []): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = [...prefix, ...issue.path.map(String)].join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
