// Which τ-bench tools change the database. The reward compares the final database with the one the
// gold actions produce, so only state-changing calls can make a trial fail; reads are free to vary.
// Read tools follow a naming convention across τ-bench domains (airline, retail): get_*, search_*,
// list_*, plus the scratch tools `calculate` and `think`.
const READ_PREFIXES = ['get_', 'search_', 'list_', 'find_'];
const SCRATCH_TOOLS = new Set(['calculate', 'think']);

export function isStateChangingTool(name: string): boolean {
  if (SCRATCH_TOOLS.has(name)) return false;
  return !READ_PREFIXES.some((prefix) => name.startsWith(prefix));
}
