// Types of skill-md.js for the TypeScript tests (the browser loads the .js as it is).
export type SkillBlock =
  | { type: 'title' | 'section' | 'comment' | 'para'; text: string }
  | { type: 'rule'; text: string; patch: string | null; mark: string };
export function parseSkillMd(text: string): SkillBlock[];
export function shortPatchId(id: string): string;
