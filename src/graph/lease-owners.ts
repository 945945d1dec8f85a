// Who holds a lease (a finaliser's claim on sessions): `finaliser:<host>:<pid>:<uuid>`. Leases
// expire on their own when their holder dies, but only after LEASE_MS; an engine restarted on the
// same machine after a crash (the usual way a single-node user recovers) would otherwise leave the
// sessions its dead predecessor held pending for that long. A new engine therefore drops leases
// whose holder ran on this host under a pid that no longer exists. A holder on another host, or
// whose pid is alive (or reused), is left to its lease.
import { randomUUID } from 'node:crypto';
import os from 'node:os';

export function leaseOwnerId(kind: string): string {
  return `${kind}:${os.hostname()}:${process.pid}:${randomUUID()}`;
}

/** True when `pid` exists (a process we may not signal exists too). */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a lease holder ran on this host and its process is gone. */
export function isDeadLocalOwner(owner: string, host = os.hostname()): boolean {
  const parts = owner.split(':');
  if (parts.length !== 4 || parts[1] !== host) return false;
  const pid = Number(parts[2]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  return !pidExists(pid);
}
