// What a running engine costs the machine: resident memory of a process and all its descendants
// (the engine's Node process and the Neo4j JVM it started), and bytes on disk under a folder.
// Read from /proc (Linux), so the figures are what `ps` and `du` would say.
import fs from 'node:fs';
import path from 'node:path';

export interface ProcessRss {
  pid: number;
  command: string;
  rssMiB: number;
  /** Of rssMiB: anonymous memory (heaps, caches, stacks) and file-backed pages (jars, mapped files). */
  anonMiB: number;
  fileMiB: number;
}

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command (field 2) may hold spaces, so
      // parse after its closing parenthesis.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  return byParent;
}

/** The process `root` and its descendants, each with its VmRSS. */
export function processTree(root: number): ProcessRss[] {
  const byParent = children();
  const out: ProcessRss[] = [];
  const visit = (pid: number) => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const mib = (k: number) => Math.round(k / 1024);
      out.push({ pid, command: summarise(command), rssMiB: mib(kb('VmRSS')), anonMiB: mib(kb('RssAnon')), fileMiB: mib(kb('RssFile') + kb('RssShmem')) });
    } catch {
      return;
    }
    for (const child of byParent.get(pid) ?? []) visit(child);
  };
  visit(root);
  return out;
}

/** `java … org.neo4j.server.CommunityEntryPoint` → "java (Neo4j)"; node scripts by their entry. */
function summarise(argv: string[]): string {
  const exe = path.basename(argv[0] ?? '?');
  if (exe === 'java') return 'java (Neo4j)';
  return [exe, ...argv.slice(1).filter((a) => !a.startsWith('-') && a !== 'tsx')].slice(0, 2).join(' ');
}

export function treeRssMiB(root: number): number {
  return processTree(root).reduce((n, p) => n + p.rssMiB, 0);
}

/** Allocated bytes (st_blocks, as `du` counts: a preallocated log counts in full) under `dir`. */
export function diskBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += diskBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).blocks * 512;
  }
  return total;
}
