// The refused part of the hostile-input corpus, through the real API on a real git repository: every entry
// at every write endpoint it reaches answers 4xx with a code and a Dutch message, and HEAD, the branches and
// the working tree stay exactly as they were.
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS } from './corpus/index.ts';
import { checkRefusal } from './corpus-checks.ts';
import { startCorpusApi, type CorpusApi } from './corpus-harness.ts';
import { allowed, createFixtures, of, requestsFor, type Fixtures } from './corpus-requests.ts';

let api: CorpusApi;
let fixtures: Fixtures;

beforeAll(async () => {
  api = await startCorpusApi();
  fixtures = await createFixtures(api);
}, 60_000);

describe('the corpus', () => {
  it('has at least 200 entries, covering every family of the issue, with unique ids', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(CORPUS.map((e) => e.id)).size).toBe(CORPUS.length);
    expect(new Set(CORPUS.map((e) => e.category))).toEqual(new Set(['xss', 'front-matter', 'path', 'types-sizes', 'file']));
  });
});

describe('refused entries: 4xx with a code and a Dutch message, and nothing written', () => {
  for (const field of ['tekst', 'reden', 'alt', 'groep', 'doel', 'bericht-id', 'reactie-id', 'body', 'foto'] as const) {
    const entries = of(field, 'refused');
    if (!entries.length) continue;
    it(`${field} (${entries.length} entries)`, async () => {
      const problems: string[] = [];
      for (const e of entries) {
        const before = api.snapshot();
        for (const [label, send] of requestsFor(api, fixtures, e)) {
          const res = await send();
          const extra = label.includes('multipart') || label === 'photo alt' ? [...(allowed(e) ?? []), 400, 413, 415, 422] : allowed(e);
          const problem = await checkRefusal(res, extra && [...new Set(extra)]);
          if (problem) problems.push(`${e.id} (${e.description}) → ${label}: ${problem}`);
        }
        const after = api.snapshot();
        if (after.head !== before.head || after.status !== before.status) problems.push(`${e.id} (${e.description}): the repository changed`);
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }
});

