// Reads a base SKILL.md into the five sections CostCraft writes (Trigger, Workflow, Stop rules,
// Artifact checklist, Cost control). Headings are matched loosely ("## Stop rules", "### Cost
// control:"); anything before the first known heading or under an unknown heading is kept as
// preamble / extra sections, verbatim. Each non-blank line of a known section is one base rule.
import { SECTIONS, type Section } from './patch.ts';

export interface BaseSkill {
  title: string | null;
  preamble: string[];
  sections: Record<Section, string[]>;
  /** Unknown sections, kept in order with their heading line. */
  extra: Array<{ heading: string; lines: string[] }>;
}

/** A rule CostCraft wrote: `- text _[p4 prune · … · OFFLINE]_` (any provenance level). */
export const GENERATED_RULE = /^\s*-\s.*_\[p\d+(?:\s[^\]]*)?\]_\s*$/;

const normalise = (h: string) => h.toLowerCase().replace(/[^a-z ]/g, '').trim();

function sectionOf(heading: string): Section | undefined {
  const name = normalise(heading);
  return SECTIONS.find((s) => normalise(s) === name || name.startsWith(normalise(s)));
}

export function emptySections(): Record<Section, string[]> {
  return { Trigger: [], Workflow: [], 'Stop rules': [], 'Artifact checklist': [], 'Cost control': [] };
}

export function parseBaseSkill(markdown: string | null | undefined): BaseSkill {
  const out: BaseSkill = { title: null, preamble: [], sections: emptySections(), extra: [] };
  if (!markdown) return out;
  let current: { known: Section } | { extra: number } | null = null;
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const title = /^#\s+(.+)$/.exec(line);
    if (title && out.title === null && current === null) {
      out.title = title[1]!.trim();
      continue;
    }
    const heading = /^#{2,4}\s+(.+?)\s*:?\s*$/.exec(line);
    if (heading) {
      const known = sectionOf(heading[1]!);
      if (known) current = { known };
      else {
        out.extra.push({ heading: line, lines: [] });
        current = { extra: out.extra.length - 1 };
      }
      continue;
    }
    if (line.trim() === '' || /^<!--.*-->$/.test(line.trim())) continue;
    // Rules a previous CostCraft run wrote (they end with their provenance) are re-derived from
    // the current evidence, not carried over: evolving v2 into v3 must not duplicate them.
    if (GENERATED_RULE.test(line)) continue;
    if (current === null) out.preamble.push(line);
    else if ('known' in current) out.sections[current.known].push(line);
    else out.extra[current.extra]!.lines.push(line);
  }
  return out;
}
