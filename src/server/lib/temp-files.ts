import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Temporary files and folders of ours (demo Sirene files, DuckDB spill folders, downloads) carry the process id in
// their name: `maillage-<kind>-<pid>-…`. A process removes its own when it exits (signals included, through the
// 'exit' event that the shutdown's process.exit fires), and at start removes those left by processes that are gone
// (a kill -9, a power cut).

const PREFIX = 'maillage-';
const owned = new Set<string>();

/** A new temporary folder of ours, removed when the process exits if it is still there. */
export function ownTempDir(kind: string, base = tmpdir()): string {
  const dir = mkdtempSync(join(base, `${PREFIX}${kind}-${process.pid}-`));
  owned.add(dir);
  return dir;
}

/** A temporary file path of ours (not created), removed when the process exits if it is still there. */
export function ownTempPath(kind: string, suffix = '', base = tmpdir()): string {
  const path = join(
    base,
    `${PREFIX}${kind}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}${suffix}`,
  );
  owned.add(path);
  return path;
}

/** Removes a temporary path of ours now (and forgets it). */
export function removeTemp(path: string) {
  rmSync(path, { recursive: true, force: true });
  owned.delete(path);
}

function removeOwned() {
  for (const path of owned) rmSync(path, { recursive: true, force: true });
  owned.clear();
}
process.on('exit', removeOwned);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, but not ours to signal
  }
};

/** Names made before the pid was in them (`maillage-duckdb-XXXXXX`): removed once older than this. */
const LEGACY_AGE_MS = 24 * 3600_000;
const KINDS = ['demo-sirene', 'duckdb', 'sirene'];

/**
 * Removes the temporary files and folders of ours left by processes that no longer run; returns what it removed.
 * Never touches a path of a running process (ours or another Maillage on the same machine).
 */
export function sweepStaleTemp(base = tmpdir(), now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return removed;
  }
  for (const name of names) {
    const kind = KINDS.find((k) => name.startsWith(`${PREFIX}${k}-`));
    if (!kind) continue;
    const rest = name.slice(`${PREFIX}${kind}-`.length);
    const pid = /^(\d+)-/.exec(rest)?.[1];
    const path = join(base, name);
    let stale: boolean;
    if (pid) stale = Number(pid) !== process.pid && !alive(Number(pid));
    else {
      try {
        stale = now - statSync(path).mtimeMs > LEGACY_AGE_MS;
      } catch {
        continue;
      }
    }
    if (!stale) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
