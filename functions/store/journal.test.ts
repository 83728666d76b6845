import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { openJournal } from './journal.ts';
import { StoreUnavailableError } from './types.ts';

const author = { name: 'Anouk de Vries', email: 'anouk@wadvoort.nl' };
const change = (n: number) => ({ writes: [{ path: `content/berichten/${n}.md`, content: `bericht ${n}\n` }], message: `bericht ${n}`, author, trailers: [`Plein-Request: r${n}`] });

const tempDir = () => mkdtempSync(join(tmpdir(), 'plein-journal-'));

/** Whether this machine lets us make a file immutable (root on ext4 and the like). */
function canMakeImmutable(): boolean {
  const dir = tempDir();
  writeFileSync(join(dir, 'f'), '');
  try {
    execFileSync('chattr', ['+i', join(dir, 'f')], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', join(dir, 'f')], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('journal', () => {
  it('replays what was appended and not done, in order, with binary files intact', async () => {
    const dir = tempDir();
    const j = await openJournal(dir);
    const photo = new Uint8Array([0xff, 0xd8, 0x00, 0x01, 0x80, 0xfe]);
    const entries = await Promise.all([change(1), change(2), { ...change(3), writes: [{ path: 'content/media/p.jpg', content: photo }], deletes: ['content/x.md'] }].map((c) => j.append(c)));
    expect(new Set(entries.map((e) => e.id)).size).toBe(3);
    await j.markDone([entries[0].id], 'a'.repeat(40));

    const again = await openJournal(dir);
    expect(again.lastCommit()).toBe('a'.repeat(40));
    const pending = again.pending();
    expect(pending.map((e) => e.id)).toEqual([entries[1].id, entries[2].id]);
    expect(pending[0].change).toEqual(change(2));
    expect(pending[1].change.writes[0].content).toEqual(photo);
    expect(pending[1].change.deletes).toEqual(['content/x.md']);
  });

  it('shares one write among appends that arrive together', async () => {
    const dir = tempDir();
    const j = await openJournal(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => j.append(change(i))));
    expect(j.pending()).toHaveLength(50);
    expect((await openJournal(dir)).pending().map((e) => e.change.message)).toEqual(Array.from({ length: 50 }, (_, i) => `bericht ${i}`));
  });

  it('cuts off a torn last record and keeps appending cleanly after it', async () => {
    const dir = tempDir();
    const j = await openJournal(dir);
    const first = await j.append(change(1));
    appendFileSync(j.file, '{"t":"add","id":"half","at":1,"change":{"wri');
    const again = await openJournal(dir);
    expect(again.pending().map((e) => e.id)).toEqual([first.id]);
    await again.append(change(2));
    const third = await openJournal(dir);
    expect(third.pending().map((e) => e.change.message)).toEqual(['bericht 1', 'bericht 2']);
    expect(readFileSync(j.file, 'utf8')).not.toContain('half');
  });

  it('compacts to almost nothing once everything is done', async () => {
    const dir = tempDir();
    const j = await openJournal(dir);
    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => j.append(change(i))));
    const before = await j.size();
    await j.markDone(entries.map((e) => e.id), 'b'.repeat(40));
    expect(await j.size()).toBeLessThan(before / 10);
    const again = await openJournal(dir);
    expect(again.pending()).toEqual([]);
    expect(again.lastCommit()).toBe('b'.repeat(40));
  });

  it.runIf(canMakeImmutable())('refuses with StoreUnavailableError when the file cannot be written, and recovers after', async () => {
    const dir = tempDir();
    const j = await openJournal(dir);
    await j.append(change(1));
    execFileSync('chattr', ['+i', j.file]);
    try {
      const error = await j.append(change(2)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/journal\.log kan niet worden bijgewerkt: het bestand is alleen-lezen/);
      expect(j.pending()).toHaveLength(1);
    } finally {
      execFileSync('chattr', ['-i', j.file]);
    }
    await j.append(change(3));
    expect((await openJournal(dir)).pending().map((e) => e.change.message)).toEqual(['bericht 1', 'bericht 3']);
  });
});

describe('one writer per journal folder', () => {
  /** Opens the journal in another Node process; resolves with what it printed (ok, or the error message). */
  const openElsewhere = (dir: string) => {
    const script = `import(${JSON.stringify(join(import.meta.dirname, 'journal.ts'))}).then((m) => m.openJournal(${JSON.stringify(dir)})).then((j) => j.release()).then(() => console.log('ok'), (e) => console.log(e.message))`;
    return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
  };

  it('refuses a second process while the first holds it, with a clear message, and lets it in after release', async () => {
    const dir = tempDir();
    const j = await openJournal(dir);
    await j.append(change(1));
    expect(openElsewhere(dir)).toMatch(new RegExp(`in gebruik door proces ${process.pid}.*eigen PLEIN_JOURNAL_DIR`));
    await j.release();
    expect(openElsewhere(dir)).toBe('ok');
    expect((await openJournal(dir, { inspect: true })).pending().map((e) => e.change.message)).toEqual(['bericht 1']);
  });

  it('takes over the lock of a process that is gone (a crash, a SIGKILL)', async () => {
    const dir = tempDir();
    const gone = Number(execFileSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).trim());
    writeFileSync(join(dir, 'journal.lock'), JSON.stringify({ pid: gone, start: '1' }));
    const j = await openJournal(dir);
    expect(JSON.parse(readFileSync(join(dir, 'journal.lock'), 'utf8')).pid).toBe(process.pid);
    await j.release();
    // A lock cut short by a crash mid-write is stale too.
    writeFileSync(join(dir, 'journal.lock'), '{"pid":');
    await (await openJournal(dir)).release();
  });
});
