// The store contract: behaviour every ContentStore must show; run against each implementation.
import { describe, expect, it } from 'vitest';
import type { ContentStore } from '../../functions/store/types.ts';

const author = { name: 'Anouk de Vries', email: 'anouk.devries@wadvoort.nl' };

/** Registers the contract tests for a store made fresh by `make` for each test; `messageOf` reads a commit's message. */
export function describeStoreContract(name: string, make: () => Promise<ContentStore>, messageOf?: (store: ContentStore, commit: string) => Promise<string>) {
  describe(`store contract: ${name}`, () => {
    it('commits a file that can then be read, and moves the head', async () => {
      const store = await make();
      const before = await store.head();
      const { commit } = await store.commit({ writes: [{ path: 'content/berichten/2026/11/a.md', content: 'hallo\n' }], message: 'bericht', author });
      expect(commit).toMatch(/^[0-9a-f]{40}$/);
      expect(await store.head()).toBe(commit);
      expect(commit).not.toBe(before);
      expect(await store.read('content/berichten/2026/11/a.md')).toBe('hallo\n');
      expect(await store.exists('content/berichten/2026/11/a.md')).toBe(true);
      expect(await store.exists('content/berichten/2026/11/nope.md')).toBe(false);
    });

    it('lists what changed since a commit, including deletions', async () => {
      const store = await make();
      await store.commit({ writes: [{ path: 'content/reacties/2026/11/x.md', content: 'x\n' }], message: 'x', author });
      const since = await store.head();
      await store.commit({ writes: [{ path: 'content/reacties/2026/11/y.md', content: 'y\n' }], deletes: ['content/reacties/2026/11/x.md'], message: 'y', author });
      const { head, files } = await store.changedSince(since, ['content/reacties']);
      expect(head).toBe(await store.head());
      expect(files).toEqual(
        expect.arrayContaining([
          // A store may name the added file's blob too (the local git store does).
          expect.objectContaining({ path: 'content/reacties/2026/11/y.md', status: 'added' }),
          { path: 'content/reacties/2026/11/x.md', status: 'deleted' },
        ]),
      );
      expect((await store.changedSince(head, ['content/reacties'])).files).toEqual([]);
    });

    it('never loses a write under concurrency, and batches them', async () => {
      const store = await make();
      const writes = Array.from({ length: 40 }, (_, i) =>
        store.commit({ writes: [{ path: `content/berichten/2026/11/p${i}.md`, content: `${i}\n` }], message: `p${i}`, author: { ...author, email: `p${i}@wadvoort.nl` } }),
      );
      const results = await Promise.all(writes);
      for (let i = 0; i < 40; i++) expect(await store.read(`content/berichten/2026/11/p${i}.md`)).toBe(`${i}\n`);
      expect(new Set(results.map((r) => r.commit)).size).toBeLessThan(40);
    });

    it.runIf(Boolean(messageOf))('keeps the trailers of every change in the commit that holds it', async () => {
      const store = await make();
      const results = await Promise.all(
        ['a', 'b', 'c'].map((k) =>
          store.commit({ writes: [{ path: `content/berichten/2026/11/t-${k}.md`, content: `${k}\n` }], message: k, author, trailers: [`Plein-Request: ${k}`] }),
        ),
      );
      for (const [i, k] of ['a', 'b', 'c'].entries()) {
        expect(await messageOf!(store, results[i].commit)).toMatch(new RegExp(`^Plein-Request: ${k}$`, 'm'));
      }
    });

    it('refuses paths outside the repository', async () => {
      const store = await make();
      for (const path of ['../buiten.md', '/etc/passwd', '.git/config', 'content/../../x.md', 'a/.git/hooks/post-commit']) {
        await expect(store.commit({ writes: [{ path, content: 'x' }], message: 'x', author })).rejects.toThrow(/onveilig pad/);
      }
    });
  });
}
