// Reads a CostCraft SKILL.md into blocks the Distill page can draw, keeping each rule's provenance
// mark (`_[p4 prune · 3 sessions · ev … · OFFLINE]_`) apart so the rule links to its Patch.
// A rule is a "- " bullet; it may run over several lines (quoted tasks keep their line breaks)
// and ends at its provenance mark, the next bullet or heading.

const MARK = /\s*_\[(p\d+)(?:\s([^\]]*))?\]_\s*$/;

/** 'run-1:p4' → 'p4': the SKILL.md names patches by their id within the run. */
export const shortPatchId = (id) => id.slice(id.lastIndexOf(':') + 1);

export function parseSkillMd(text) {
  const blocks = [];
  let rule = null;
  const closeRule = () => {
    if (!rule) return;
    const body = rule.lines.join('\n').replace(/\s+$/, '');
    const mark = MARK.exec(body);
    blocks.push({ type: 'rule', text: mark ? body.slice(0, mark.index) : body, patch: mark?.[1] ?? null, mark: mark?.[2] ?? '' });
    rule = null;
  };
  for (const line of text.split('\n')) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      closeRule();
      blocks.push({ type: heading[1].length === 1 ? 'title' : 'section', text: heading[2] });
    } else if (/^<!--.*-->\s*$/.test(line)) {
      closeRule();
      blocks.push({ type: 'comment', text: line.replace(/^<!--\s*|\s*-->\s*$/g, '') });
    } else if (/^\s*[-*+]\s/.test(line)) {
      closeRule();
      rule = { lines: [line.replace(/^\s*[-*+]\s/, '')] };
    } else if (rule && !MARK.test(rule.lines[rule.lines.length - 1])) {
      rule.lines.push(line);
    } else if (line.trim()) {
      closeRule();
      blocks.push({ type: 'para', text: line });
    }
  }
  closeRule();
  return blocks;
}
