// Types of session-title.js for the TypeScript tests (the browser loads the .js as it is).
export interface TitledSession {
  id: string;
  task?: string | null;
  agentName?: string | null;
  agentId?: string | null;
  startedAt?: string | null;
}
export function sessionTitle(session: TitledSession): { title: string; tag: 'cron' | null };
export function shortId(id: string): string;
export function listTitles(sessions: TitledSession[], max?: number): Array<{ title: string; tag: 'cron' | null; distinct: string | null }>;
