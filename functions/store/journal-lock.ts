// One writer per journal folder: two servers appending to and compacting the same journal would each
// replay and commit the other's changes. The lock file names the process (pid and, where /proc exists,
// its start time, so a recycled pid after a reboot is not mistaken for the old owner); a lock whose
// process is gone (a crash, a SIGKILL) is taken over.
import { readFileSync } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreUnavailableError } from './types.ts';

const LOCK = 'journal.lock';

interface LockOwner {
  pid: number;
  start?: string;
}

/** The start time of a process (clock ticks since boot) from /proc, or undefined where there is no /proc. */
function startOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote the lock still runs. */
function isRunning(owner: LockOwner): boolean {
  if (owner.start !== undefined) return startOf(owner.pid) === owner.start;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the journal folder's lock for this process; refuses (StoreUnavailableError) while another live process holds it. */
export async function lockJournal(dir: string): Promise<{ release(): Promise<void> }> {
  const file = join(dir, LOCK);
  const me: LockOwner = { pid: process.pid, start: startOf(process.pid) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: LockOwner | undefined;
      try {
        owner = JSON.parse(await readFile(file, 'utf8')) as LockOwner;
      } catch {
        owner = undefined; // half-written by a process that died mid-write: stale
      }
      if (owner && owner.pid !== process.pid && isRunning(owner)) {
        throw new StoreUnavailableError(
          `Het journaal in ${dir} is in gebruik door proces ${owner.pid}. Twee servers mogen geen journaalmap delen: geef elke server een eigen PLEIN_JOURNAL_DIR (of stop de andere).`,
        );
      }
      // Ours already (the same process reopening) or left by a process that is gone: take it over.
      await unlink(file).catch(() => {});
    }
  }
  return {
    async release() {
      const owner = await readFile(file, 'utf8').then((t) => JSON.parse(t) as LockOwner, () => undefined);
      if (owner?.pid === process.pid) await unlink(file).catch(() => {});
    },
  };
}
