import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../tests/support/store-contract.ts';
import { createLocalGitStore } from './local-git-store.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';
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
