// The corpus's texts as suggested edits of a knowledge page (MDX, which renders URLs as they are): each is
// refused with a Dutch message and leaves no branch, or becomes a branch whose page renders no script.
import { markdownToHtml } from 'satteri';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS } from './corpus/index.ts';
import { findHtmlProblems } from './corpus-html-safety.ts';
import { checkRefusal, pool, readBack } from './corpus-checks.ts';
import { startCorpusApi, type CorpusApi } from './corpus-harness.ts';
import { json } from './corpus-requests.ts';

let api: CorpusApi;
beforeAll(async () => {
  api = await startCorpusApi();
}, 60_000);

/** The XSS family: what a suggested edit could smuggle into a page. */
const TEXTS = CORPUS.filter((e) => e.category === 'xss');

describe('suggested edits (/api/voorstellen)', () => {
  it(`suggested edits with the same texts: refused, or a branch whose page runs no script (${TEXTS.length} entries)`, async () => {
    const problems: string[] = [];
    const page = 'content/weten-en-regelen/verlof.mdx';
    let accepted = 0;
    await pool(TEXTS, 16, async (e) => {
      const res = await api.call('/api/voorstellen', { as: 'bas-bakker', json: { pagina: 'verlof', tekst: `Vraag verlof aan bij je leidinggevende.\n\n${e.input as string}\n`, toelichting: 'aanvulling' } });
      if (res.status === 201) {
        accepted++;
        const { voorstel } = await json<{ voorstel: { branch: string } }>(res);
        const { html } = await markdownToHtml(readBack(api.git('show', `${voorstel.branch}:${page}`)).body);
        // MDX output is not sanitised (no id prefix expected); only what could run counts here.
        problems.push(...findHtmlProblems(html).filter((p) => /scheme|event handler|raw |element <(script|iframe|object|embed|svg|math|style)/.test(p)).map((p) => `${e.id} (${e.description}): ${p}`));
      } else {
        const problem = await checkRefusal(res, [422]);
        if (problem) problems.push(`${e.id} (${e.description}): ${problem}`);
      }
    });
    expect(problems).toEqual([]);
    // Refusals left no branch behind: exactly one per accepted proposal.
    expect(api.branches().length).toBe(accepted);
    expect(accepted).toBeGreaterThan(10);
    expect(api.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  }, 180_000);

});
