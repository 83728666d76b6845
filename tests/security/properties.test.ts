// Properties over generated input (fast-check, fixed seed; a failure prints the seed and the shrunk input):
// no input makes the API answer 5xx, a 4xx never writes, whatever is stored renders harmless, and front
// matter round-trips exactly through our writer, our parser and the build's.
import { parseFrontmatter as parseWithAstro } from '@astrojs/internal-helpers/frontmatter';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCommentPath, getPostPath } from '../../functions/content/paths.ts';
import { parseFrontMatter, stringifyFrontMatter } from '../../src/lib/front-matter.ts';
import { renderMarkdown } from '../../src/lib/render-markdown.ts';
import { findHtmlProblems } from './corpus-html-safety.ts';
import { readBack } from './corpus-checks.ts';
import { startCorpusApi, type CorpusApi, type PersonId } from './corpus-harness.ts';
import { createFixtures, type Fixtures } from './corpus-requests.ts';

/** One seed for every property, overridable to explore: PLEIN_FC_SEED=123 vitest run tests/security/properties.test.ts */
const SEED = Number(process.env.PLEIN_FC_SEED ?? 20261123);
const options = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

let api: CorpusApi;
let fixtures: Fixtures;
beforeAll(async () => {
  api = await startCorpusApi();
  fixtures = await createFixtures(api);
}, 60_000);

/** Text with everything: lone surrogates, controls, astral characters. */
const anyText = fc.string({ unit: 'binary', maxLength: 80 });
/** Keys that have broken parsers before, and the API's own field names. */
const oddKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', 'tekst', 'groep', 'doel', 'reden', 'pagina', 'toelichting', 'author', 'hidden'), anyText);
/** A JSON object written by hand, so `__proto__` stays an own key as an attacker would send it. */
const oddObject = fc.array(fc.tuple(oddKey, fc.jsonValue({ maxDepth: 3 })), { maxLength: 5 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`);
/** Bodies of every shape: any JSON, odd objects, the right shape with any text, raw strings and bytes. */
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
  oddObject,
  fc.record({ tekst: anyText }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ tekst: anyText, groep: fc.oneof(anyText, fc.constantFrom('koffietijd', 'bestuur')) }).map((v) => JSON.stringify(v)),
  fc.record({ doel: fc.record({ type: fc.oneof(fc.constantFrom('nieuws', 'kennis', 'bericht', 'agenda'), anyText), id: fc.oneof(anyText, fc.constantFrom('fietsplan', 'verlof', 'borrel')) }), tekst: anyText }).map((v) => JSON.stringify(v)),
  fc.record({ reden: anyText }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ pagina: fc.oneof(anyText, fc.constant('verlof')), tekst: anyText, toelichting: anyText }).map((v) => JSON.stringify(v)),
  anyText,
  fc.uint8Array({ maxLength: 200 }),
);

type Target = { method: string; path: (id: string) => string; as: PersonId; type?: string };
/** Every write endpoint; `id` is a generated path segment where the route takes one. */
const TARGETS: Target[] = [
  { method: 'POST', path: () => '/api/berichten', as: 'bas-bakker' },
  { method: 'PATCH', path: () => `/api/berichten/${fixtures.post}`, as: 'anouk-de-vries' },
  { method: 'PATCH', path: (id) => `/api/berichten/${encodeURIComponent(id)}`, as: 'anouk-de-vries' },
  { method: 'DELETE', path: (id) => `/api/berichten/${encodeURIComponent(id)}`, as: 'anouk-de-vries' },
  { method: 'DELETE', path: (id) => `/api/reacties/${encodeURIComponent(id)}`, as: 'anouk-de-vries' },
  { method: 'POST', path: () => '/api/reacties', as: 'bas-bakker' },
  { method: 'POST', path: () => `/api/berichten/${fixtures.post}/verbergen`, as: 'mod-koffie' },
  { method: 'POST', path: () => `/api/reacties/${fixtures.comment}/verbergen`, as: 'eva-editor' },
  { method: 'POST', path: (id) => `/api/berichten/${encodeURIComponent(id)}/verbergen`, as: 'eva-editor' },
  { method: 'POST', path: () => '/api/voorbeeld', as: 'bas-bakker' },
  { method: 'POST', path: () => '/api/voorstellen', as: 'bas-bakker' },
  { method: 'POST', path: () => '/api/berichten', as: 'bas-bakker', type: 'multipart/form-data; boundary=x' },
  { method: 'POST', path: () => '/api/auth/demo', as: 'bas-bakker', type: 'application/x-www-form-urlencoded' },
];
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', '');

describe('properties of the API under generated input', () => {
  it('never answers 5xx; a 4xx never writes; what a 2xx stores reads back and renders harmless', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TARGETS), body, anyText, contentType, async (target, payload, id, type) => {
        const before = api.snapshot();
        const res = await api.call(target.path(id), {
          method: target.method,
          as: target.as,
          body: target.method === 'DELETE' ? undefined : (payload as BodyInit),
          headers: { 'content-type': target.type ?? type },
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        if (res.status >= 500) throw new Error(`${target.method} ${target.path(id)} answered ${res.status}: ${text.slice(0, 200)}`);
        if (res.status >= 400) {
          const after = api.snapshot();
          if (after.head !== before.head || after.status !== before.status) throw new Error(`a ${res.status} wrote to the repository`);
          if (!/"code":"[a-z_]+"/.test(text)) throw new Error(`a ${res.status} without an error code: ${text.slice(0, 200)}`);
          return;
        }
        // Stored: the file reads back the same with the build's parser and renders harmless.
        const stored = JSON.parse(text || '{}') as { bericht?: { id: string; html?: string }; reactie?: { id: string; html?: string }; html?: string };
        const item = stored.bericht ?? stored.reactie;
        const problems = findHtmlProblems(item?.html ?? stored.html ?? '');
        if (item) {
          const { body: md, problems: readProblems } = readBack(api.readRepoFile(stored.bericht ? getPostPath(item.id) : getCommentPath(item.id)));
          problems.push(...readProblems, ...findHtmlProblems(renderMarkdown(md, { people: api.people.ids() })));
        }
        if (problems.length) throw new Error(problems.join('; '));
      }),
      options(Number(process.env.PLEIN_FC_RUNS ?? 250)),
    );
    // The generator reaches past validation: some inputs are stored, most are refused.
    const count = (lo: number, hi: number) => [...statuses].filter(([s]) => s >= lo && s < hi).reduce((n, [, c]) => n + c, 0);
    expect(count(200, 300)).toBeGreaterThan(5);
    expect(count(400, 500)).toBeGreaterThan(50);
  }, 180_000);
});

/** Markdown built from the fragments attacks are made of. */
const hostileMarkdown = fc
  .array(
    fc.oneof(
      fc.constantFrom('<', '>', '</', '/>', 'script', 'img', 'svg', 'math', 'a', 'iframe', ' src=', ' href=', ' onerror=', ' onload=', '=', '"', "'", '`', '(', ')', '[', ']', '![', '](', ']:', '<!--', '-->', '&#', '&#x', ';', '106', '6a', 'javascript:', 'JaVaScRiPt:', 'data:', 'vbscript:', 'java\tscript:', '&colon;', 'alert(1)', '\n', '\n\n', ' ', '\t', '#', '*', '_', '|', '---', '```', '[^1]', '[^1]: ', 'www.', '@', '@anouk-de-vries', 'mailto:', 'http://', '//', 'id=', 'name=', '{#x}', '\\'),
      fc.string({ unit: 'binary-ascii', maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('properties of the renderer', () => {
  it('renders any hostile Markdown to HTML with no script, handler, unsafe URL or clobbering id', () => {
    const people = api.people.ids();
    fc.assert(
      fc.property(hostileMarkdown, (md) => {
        const problems = findHtmlProblems(renderMarkdown(md, { people }));
        if (problems.length) throw new Error(problems.join('; '));
      }),
      options(Number(process.env.PLEIN_FC_RUNS_RENDER ?? 3000)),
    );
  });
});

/** Well-formed text of any kind (a file holds UTF-8, so broken UTF-16 is refused before it gets here), often made of YAML's own syntax. */
const yamlish = fc.string({ unit: fc.constantFrom(' ', '\n', '\r', '\t', 'a', '-', '---', ':', '#', '"', "'", '|', '>', '&', '*', '!', '%', '@', '`', '?', '[', '{', '\u2028', '\u0085', '\ufffe', '\u00a0', '2026-01-01'), maxLength: 12 });
const wellFormed = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => s.isWellFormed()), yamlish);

describe('properties of front matter', () => {
  it('round-trips any strings exactly, through our parser and the build’s', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('author', 'alt', 'reason', 'title', 'group'), wellFormed), fc.array(fc.record({ src: wellFormed, alt: wellFormed }), { maxLength: 3 }), wellFormed, (data, photos, body) => {
        const value = { ...data, photos, hidden: { reason: body } };
        const file = stringifyFrontMatter(value, body);
        const ours = parseFrontMatter(file);
        expect(ours.data).toEqual(value);
        expect(ours.body).toBe(body.endsWith('\n') ? body : `${body}\n`);
        expect(JSON.parse(JSON.stringify(parseWithAstro(file).frontmatter))).toEqual(value);
      }),
      options(Number(process.env.PLEIN_FC_RUNS_YAML ?? 2000)),
    );
  });
});
