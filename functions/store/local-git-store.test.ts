import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../tests/support/store-contract.ts';
import { createLocalGitStore } from './local-git-store.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';
import { openTempState } from '../../tests/support/state.ts';
import { StoreUnavailableError } from './types.ts';

const repoOf = new WeakMap<object, string>();
describeStoreContract(
  'local git',
  async () => {
    const repoDir = makeTempRepo();
    const store = createLocalGitStore({ repoDir });
    repoOf.set(store, repoDir);
    return store;
  },
  async (store, commit) => execFileSync('git', ['log', '-1', '--format=%B', commit], { cwd: repoOf.get(store), encoding: 'utf8' }),
);

describe('local git store', () => {
  it('commits as the employee, with the intranet as committer, and leaves other staged work alone', async () => {
    const repo = makeTempRepo();
    writeFileSync(join(repo, 'wip.txt'), 'werk in uitvoering\n');
    execFileSync('git', ['add', 'wip.txt'], { cwd: repo });
    const store = createLocalGitStore({ repoDir: repo, committer: { name: 'Plein', email: 'plein@wadvoort.nl' } });
    await store.commit({ writes: [{ path: 'content/berichten/2026/11/a.md', content: 'a\n' }], message: 'Nieuw bericht', author: { name: 'Anouk de Vries', email: 'anouk@wadvoort.nl' } });
    const log = execFileSync('git', ['log', '-1', '--format=%an <%ae>|%cn <%ce>|%s', '--name-only'], { cwd: repo, encoding: 'utf8' });
    expect(log).toContain('Anouk de Vries <anouk@wadvoort.nl>|Plein <plein@wadvoort.nl>|Nieuw bericht');
    expect(log).toContain('content/berichten/2026/11/a.md');
    expect(log).not.toContain('wip.txt');
    expect(execFileSync('git', ['diff', '--cached', '--name-only'], { cwd: repo, encoding: 'utf8' }).trim()).toBe('wip.txt');
  });

  it('credits every author of a shared commit', async () => {
    const repo = makeTempRepo();
    const store = createLocalGitStore({ repoDir: repo });
    await Promise.all(['a', 'b', 'c'].map((n) => store.commit({ writes: [{ path: `x/${n}.md`, content: n }], message: n, author: { name: n.toUpperCase(), email: `${n}@w.nl` } })));
    // Each employee is the author of a commit or a co-author in one.
    const log = execFileSync('git', ['log', '--format=author %an <%ae>%n%B'], { cwd: repo, encoding: 'utf8' });
    for (const n of ['a', 'b', 'c']) expect(log).toMatch(new RegExp(`(^author|Co-authored-by:) ${n.toUpperCase()} <${n}@w\\.nl>`, 'm'));
    expect(execFileSync('git', ['fsck', '--no-progress'], { cwd: repo, encoding: 'utf8' })).toBe('');
  });

  it('answers a read-only repository with StoreUnavailableError and writes nothing', async () => {
    const repo = makeTempRepo();
    const store = createLocalGitStore({ repoDir: repo });
    let other: ChildProcess | undefined;
    chmodSync(join(repo, '.git', 'objects'), 0o500);
    chmodSync(repo, 0o500);
    try {
      if (process.getuid?.() === 0) {
        // root ignores file permissions: a lock held while another git process works there blocks writes instead
        // (a lock nobody holds would be removed as stale). The reliability test uses a real read-only mount.
        chmodSync(repo, 0o700);
        writeFileSync(join(repo, '.git', 'index.lock'), '');
        other = spawn('git', ['hash-object', '--stdin'], { cwd: repo, stdio: ['pipe', 'ignore', 'ignore'] });
        await new Promise((r) => other!.once('spawn', r));
      }
      const before = await store.head();
      await expect(store.commit({ writes: [{ path: 'c/a.md', content: 'a' }], message: 'a', author: { name: 'A', email: 'a@w.nl' } })).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await store.head()).toBe(before);
      expect(existsSync(join(repo, 'c/a.md'))).toBe(false);
    } finally {
      other?.stdin?.end();
      chmodSync(repo, 0o700);
      chmodSync(join(repo, '.git', 'objects'), 0o700);
    }
  }, 30_000);
});

describe('local git store: a big batch', () => {
  it('commits a batch whose message is longer than one command-line argument may be (a thousand changes with trailers)', async () => {
    const repo = makeTempRepo();
    const state = await openTempState();
    // A long window: all of them pending together, then committed in one batch.
    const store = createLocalGitStore({ repoDir: repo, state, waitForCommit: false, windowMs: 60_000 });
    try {
      const trailer = (i: number) => `Plein-Request: ${String(i).padStart(64, '0')} bericht 01kaaaaaaaaaaaaaaaaaaa${String(i).padStart(4, '0')}`;
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          store.commit({ writes: [{ path: `content/berichten/2026/11/p${i}.md`, content: `${i}\n` }], message: `Bericht van medewerker ${i}`, author: { name: `M ${i}`, email: `m${i}@wadvoort.nl` }, trailers: [trailer(i)] }),
        ),
      );
      await store.flush();
      const message = execFileSync('git', ['log', '-1', '--format=%B'], { cwd: repo, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      expect(message.length).toBeGreaterThan(128 * 1024);
      expect(message).toContain(trailer(999));
      expect(execFileSync('git', ['ls-tree', '-r', '--name-only', 'HEAD', '--', 'content/berichten'], { cwd: repo, encoding: 'utf8' }).split('\n').filter(Boolean)).toHaveLength(1000);
    } finally {
      await store.close();
      await state.remove();
    }
  }, 60_000);
});

describe('local git store: changes since a commit', () => {
  it('lists what changed since a commit it has seen before, and everything once that commit is gone from a rewritten history', async () => {
    const repo = makeTempRepo();
    const store = createLocalGitStore({ repoDir: repo });
    const write = (n: string) => store.commit({ writes: [{ path: `content/berichten/2026/11/${n}.md`, content: `${n}\n` }], message: n, author: { name: 'Anouk de Vries', email: 'anouk@wadvoort.nl' } });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
    try {
      await write('a');
      const since = await store.head();
      await write('b');
      // With each file's blob (the same id, the same content: a reader need not read it again).
      expect((await store.changedSince(since, ['content/berichten'])).files).toEqual([{ path: 'content/berichten/2026/11/b.md', status: 'added', blob: git('rev-parse', 'HEAD:content/berichten/2026/11/b.md') }]);
      await write('c');
      expect((await store.changedSince(since, ['content/berichten'])).files.map((f) => f.path)).toEqual(['content/berichten/2026/11/b.md', 'content/berichten/2026/11/c.md']);
      // The history rewritten (an erasure with --history): the commit it knew no longer exists.
      const branch = git('symbolic-ref', '--short', 'HEAD');
      git('checkout', '-q', '--orphan', 'herschreven');
      git('-c', 'user.name=Plein', '-c', 'user.email=plein@intranet.invalid', 'commit', '-q', '-m', 'herschreven');
      git('branch', '-q', '-D', branch);
      git('branch', '-q', '-m', branch);
      git('reflog', 'expire', '--expire=now', '--all');
      git('gc', '-q', '--prune=now');
      expect(() => git('cat-file', '-e', since)).toThrow();
      // Not an error: everything there is counts as new, as for a commit it never knew.
      expect((await store.changedSince(since, ['content/berichten'])).files).toEqual(['a', 'b', 'c'].map((n) => ({ path: `content/berichten/2026/11/${n}.md`, status: 'added', blob: git('rev-parse', `HEAD:content/berichten/2026/11/${n}.md`) })));
    } finally {
      await store.close();
    }
  }, 30_000);
});

describe('local git store on a shared state store (the Node server)', () => {
  const post = (n: string) => ({ writes: [{ path: `content/berichten/2026/11/${n}.md`, content: `${n}\n` }], message: n, author: { name: 'Anouk de Vries', email: 'anouk@wadvoort.nl' } });
  const headFiles = (repo: string) => execFileSync('git', ['ls-tree', '-r', '--name-only', 'HEAD', '--', 'content/berichten'], { cwd: repo, encoding: 'utf8' }).split('\n').filter(Boolean);

  it('answers from the outbox, shows the change at once, and commits it in the background exactly once', async () => {
    const repo = makeTempRepo();
    const state = await openTempState();
    const store = createLocalGitStore({ repoDir: repo, state, waitForCommit: false, windowMs: 60_000 });
    try {
      const before = await store.head();
      const { commit } = await store.commit(post('a'));
      // Acknowledged, not committed yet: the version names the branch plus what is pending.
      expect(headFiles(repo)).toEqual([]);
      expect(commit).not.toBe(before);
      expect(store.pending()).toBe(1);
      expect(await store.read('content/berichten/2026/11/a.md')).toBe('a\n');
      expect((await store.changedSince(before, ['content/berichten'])).files).toEqual([{ path: 'content/berichten/2026/11/a.md', status: 'added' }]);
      await store.flush();
      expect(headFiles(repo)).toEqual(['content/berichten/2026/11/a.md']);
      expect(execFileSync('git', ['log', '-1', '--format=%B'], { cwd: repo, encoding: 'utf8' })).toMatch(/^Plein-Journal: \S+$/m);
      expect(store.pending()).toBe(0);
    } finally {
      await store.close();
      await state.remove();
    }
  });

  it('after a crash, a new server on the same outbox commits what was acknowledged, and nothing twice when the commit had landed', async () => {
    const repo = makeTempRepo();
    const state = await openTempState();
    const first = createLocalGitStore({ repoDir: repo, state, waitForCommit: false, windowMs: 60_000 });
    await first.commit(post('b'));
    await first.commit(post('c'));
    // The server dies before its flusher ran (closing stops the flusher and leaves the rows pending).
    await first.close();
    // A commit that landed but was never marked: the same change committed by hand, with its trailer.
    const [landed] = await state.outbox.pending(1);
    mkdirSync(join(repo, 'content/berichten/2026/11'), { recursive: true });
    writeFileSync(join(repo, 'content/berichten/2026/11/b.md'), 'b\n');
    execFileSync('git', ['add', 'content/berichten/2026/11/b.md'], { cwd: repo });
    execFileSync('git', ['commit', '--quiet', '-m', `b\n\nPlein-Journal: ${landed.id}`], { cwd: repo });
    const again = createLocalGitStore({ repoDir: repo, state, waitForCommit: false, warn: () => {} });
    try {
      await again.flush();
      expect(headFiles(repo).sort()).toEqual(['content/berichten/2026/11/b.md', 'content/berichten/2026/11/c.md']);
      const log = execFileSync('git', ['log', '--format=%B'], { cwd: repo, encoding: 'utf8' });
      expect(log.match(new RegExp(`Plein-Journal: ${landed.id}`, 'g'))).toHaveLength(1);
      expect(await state.outbox.pending()).toEqual([]);
    } finally {
      await again.close();
      await state.remove();
    }
  });
});
