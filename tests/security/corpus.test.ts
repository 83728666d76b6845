// Sends every entry of the hostile-input corpus to every write endpoint it applies to, through the real API
// on a real git repository: refusals are 4xx with a code and a Dutch message and leave the repository as it
// was; legitimate text is stored, reads back exactly and renders without scripts, handlers or unsafe URLs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCommentPath, getPostPath } from '../../functions/posts/content-paths.ts';
import { CORPUS, type CorpusEntry, type FileInput } from './corpus/index.ts';
import { findHtmlProblems } from './corpus-html-safety.ts';
import { checkRefusal, checkStoredText, normalise, pool, readBack } from './corpus-checks.ts';
import { startCorpusApi, type CorpusApi } from './corpus-harness.ts';

let api: CorpusApi;
let post: string; // a post by Anouk in Koffietijd
let comment: string; // Anouk's comment under it
let start: string;

const json = async <T>(res: Response) => (await res.json()) as T;

beforeAll(async () => {
  api = await startCorpusApi();
  start = api.snapshot().head;
  const res = await api.call('/api/berichten', { as: 'anouk-de-vries', json: { tekst: 'Vaste post', groep: 'koffietijd' } });
  post = (await json<{ bericht: { id: string } }>(res)).bericht.id;
  const c = await api.call('/api/reacties', { as: 'anouk-de-vries', json: { doel: { type: 'bericht', id: post }, tekst: 'Vaste reactie' } });
  comment = (await json<{ reactie: { id: string } }>(c)).reactie.id;
}, 60_000);

const of = (field: CorpusEntry['field'], kind: 'refused' | 'harmless') => CORPUS.filter((e) => e.field === field && e.expect.kind === kind);
const allowed = (e: CorpusEntry) => (e.expect.kind === 'refused' ? e.expect.status : undefined);

function multipart(fields: Record<string, string | undefined>, files: { bytes: Uint8Array; name: string; type: string }[] = [], alts: string[] = []): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
  for (const f of files) form.append('foto', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type }));
  for (const a of alts) form.append('alt', a);
  return form;
}

/** The requests a refused entry is sent as, by field. */
function requestsFor(e: CorpusEntry): [string, () => Promise<Response>][] {
  const v = e.input as never;
  const tekst = (t: unknown) => (t === undefined ? {} : { tekst: t });
  switch (e.field) {
    case 'tekst':
      return [
        ['post', () => api.call('/api/berichten', { as: 'bas-bakker', json: tekst(v) })],
        ['post in group', () => api.call('/api/berichten', { as: 'bas-bakker', json: { ...tekst(v), groep: 'koffietijd' } })],
        // A form field cannot carry broken UTF-16 (it arrives as U+FFFD), so only well-formed text goes as a form.
        ...(typeof v === 'string' && (v as string).isWellFormed() ? [['post multipart', () => api.call('/api/berichten', { as: 'bas-bakker', body: multipart({ tekst: v }) })] as [string, () => Promise<Response>]] : []),
        ['edit', () => api.call(`/api/berichten/${post}`, { method: 'PATCH', as: 'anouk-de-vries', json: tekst(v) })],
        ['comment on news', () => api.call('/api/reacties', { as: 'bas-bakker', json: { doel: { type: 'nieuws', id: 'fietsplan' }, ...tekst(v) } })],
        ['comment on post', () => api.call('/api/reacties', { as: 'bas-bakker', json: { doel: { type: 'bericht', id: post }, ...tekst(v) } })],
        ['preview', () => api.call('/api/voorbeeld', { as: 'bas-bakker', json: tekst(v) })],
      ];
    case 'reden':
      return [
        ['hide post', () => api.call(`/api/berichten/${post}/verbergen`, { as: 'mod-koffie', json: { reden: v } })],
        ['hide comment', () => api.call(`/api/reacties/${comment}/verbergen`, { as: 'eva-editor', json: { reden: v } })],
      ];
    case 'alt':
      return [['photo alt', async () => api.call('/api/berichten', { as: 'bas-bakker', body: multipart({ tekst: 'foto' }, [{ bytes: await jpeg(), name: 'a.jpg', type: 'image/jpeg' }], [v]) })]];
    case 'groep':
      return [
        ['group', () => api.call('/api/berichten', { as: 'bas-bakker', json: { tekst: 'hoi', groep: v } })],
        ['group multipart', () => api.call('/api/berichten', { as: 'bas-bakker', body: multipart({ tekst: 'hoi', groep: v }) })],
      ];
    case 'doel':
      return [['comment target', () => api.call('/api/reacties', { as: 'bas-bakker', json: { doel: v, tekst: 'hoi' } })]];
    case 'bericht-id':
    case 'reactie-id': {
      const base = e.field === 'bericht-id' ? '/api/berichten/' : '/api/reacties/';
      return [String(v), encodeURIComponent(v)].flatMap((id): [string, () => Promise<Response>][] => [
        ...(e.field === 'bericht-id' ? [[`edit ${id}`, () => api.call(`${base}${id}`, { method: 'PATCH', as: 'anouk-de-vries', json: { tekst: 'overschreven' } })] as [string, () => Promise<Response>]] : []),
        [`delete ${id}`, () => api.call(`${base}${id}`, { method: 'DELETE', as: 'anouk-de-vries' })],
        [`hide ${id}`, () => api.call(`${base}${id}/verbergen`, { as: 'eva-editor', json: {} })],
      ]);
    }
    case 'body': {
      const send = (path: string, as: 'bas-bakker' | 'anouk-de-vries' | 'mod-koffie', method = 'POST') => () => api.call(path, { method, as, body: v, headers: { 'content-type': 'application/json' } });
      return [
        ['post', send('/api/berichten', 'bas-bakker')],
        ['edit', send(`/api/berichten/${post}`, 'anouk-de-vries', 'PATCH')],
        ['comment', send('/api/reacties', 'bas-bakker')],
        ['hide post', send(`/api/berichten/${post}/verbergen`, 'mod-koffie')],
        ['hide comment', send(`/api/reacties/${comment}/verbergen`, 'mod-koffie')],
        ['preview', send('/api/voorbeeld', 'bas-bakker')],
      ];
    }
    case 'foto': {
      const f = v as FileInput;
      return [['photo', async () => api.call('/api/berichten', { as: 'bas-bakker', body: multipart({ tekst: 'foto' }, [{ bytes: await f.bytes(), name: f.name, type: f.type }], ['Een foto']) })]];
    }
  }
}

let jpegBytes: Promise<Buffer> | undefined;
const jpeg = () => (jpegBytes ??= sharp({ create: { width: 32, height: 24, channels: 3, background: '#2a6f97' } }).jpeg().toBuffer());

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
        for (const [label, send] of requestsFor(e)) {
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

describe('harmless entries: stored, read back exactly, rendered without scripts', () => {
  const ids = () => api.people.ids();

  it(`text in posts, group posts, edits, comments on every target and the preview (${of('tekst', 'harmless').length} entries)`, async () => {
    const problems: string[] = [];
    await pool(of('tekst', 'harmless'), 24, async (e) => {
      const text = e.input as string;
      const fail = (where: string, what: string[] | string | undefined) => {
        for (const p of [what ?? []].flat()) problems.push(`${e.id} (${e.description}) → ${where}: ${p}`);
      };
      const created = async (where: string, res: Promise<Response>, kind: 'bericht' | 'reactie') => {
        const r = await res;
        if (r.status !== 201) return fail(where, `status ${r.status}: ${(await r.text()).slice(0, 200)}`);
        const item = (await r.json())[kind] as { id: string; html: string };
        fail(`${where} (answer)`, findHtmlProblems(item.html));
        fail(where, checkStoredText(api.readRepoFile(kind === 'bericht' ? getPostPath(item.id) : getCommentPath(item.id)), text, ids()));
        return item.id;
      };
      const id = await created('post', api.call('/api/berichten', { as: 'bas-bakker', json: { tekst: text } }), 'bericht');
      await created('post in group', api.call('/api/berichten', { as: 'bas-bakker', json: { tekst: text, groep: 'koffietijd' } }), 'bericht');
      await created('post multipart', api.call('/api/berichten', { as: 'bas-bakker', body: multipart({ tekst: text }) }), 'bericht');
      for (const [type, target] of [['nieuws', 'fietsplan'], ['kennis', 'verlof'], ['agenda', 'borrel'], ['bericht', post]]) {
        await created(`comment on ${type}`, api.call('/api/reacties', { as: 'bas-bakker', json: { doel: { type, id: target }, tekst: text } }), 'reactie');
      }
      if (id) {
        const edited = normalise(text).length < 4990 ? `${normalise(text)}\n\nbewerkt` : normalise(text);
        const edit = await api.call(`/api/berichten/${id}`, { method: 'PATCH', as: 'bas-bakker', json: { tekst: edited } });
        if (edit.status !== 200) fail('edit', `status ${edit.status}`);
        else fail('edit', checkStoredText(api.readRepoFile(getPostPath(id)), edited, ids()));
      }
      const preview = await api.call('/api/voorbeeld', { as: 'bas-bakker', json: { tekst: text } });
      if (preview.status !== 200) fail('preview', `status ${preview.status}`);
      else fail('preview', findHtmlProblems((await preview.json()).html));
    });
    expect(problems).toEqual([]);
  }, 180_000);

  it(`hide reasons read back exactly (${of('reden', 'harmless').length} entries)`, async () => {
    const problems: string[] = [];
    await pool(of('reden', 'harmless'), 8, async (e) => {
      const reason = e.input as string;
      const p = await json<{ bericht: { id: string } }>(await api.call('/api/berichten', { as: 'bas-bakker', json: { tekst: 'weg ermee', groep: 'koffietijd' } }));
      const c = await json<{ reactie: { id: string } }>(await api.call('/api/reacties', { as: 'bas-bakker', json: { doel: { type: 'bericht', id: p.bericht.id }, tekst: 'ook weg' } }));
      for (const [label, url, path] of [['post', `/api/berichten/${p.bericht.id}/verbergen`, getPostPath(p.bericht.id)], ['comment', `/api/reacties/${c.reactie.id}/verbergen`, getCommentPath(c.reactie.id)]]) {
        const res = await api.call(url, { as: 'mod-koffie', json: { reden: reason } });
        if (res.status !== 200) {
          problems.push(`${e.id} (${e.description}) → hide ${label}: status ${res.status} ${(await res.text()).slice(0, 200)}`);
          continue;
        }
        const { data, problems: found } = readBack(api.readRepoFile(path));
        const hidden = data.hidden as { reason?: unknown } | undefined;
        if (hidden?.reason !== normalise(reason)) found.push(`reason reads back as ${JSON.stringify(hidden?.reason)}`);
        problems.push(...found.map((f) => `${e.id} (${e.description}) → hide ${label}: ${f}`));
      }
    });
    expect(problems).toEqual([]);
  }, 180_000);

  it(`photo alt texts read back exactly (${of('alt', 'harmless').length} entries)`, async () => {
    const problems: string[] = [];
    const bytes = await jpeg();
    await pool(of('alt', 'harmless'), 8, async (e) => {
      const alt = e.input as string;
      const res = await api.call('/api/berichten', { as: 'bas-bakker', body: multipart({ tekst: 'foto' }, [{ bytes, name: 'a.jpg', type: 'image/jpeg' }], [alt]) });
      if (res.status !== 201) return void problems.push(`${e.id} (${e.description}): status ${res.status} ${(await res.text()).slice(0, 200)}`);
      const { bericht } = await json<{ bericht: { id: string } }>(res);
      const { data, problems: found } = readBack(api.readRepoFile(getPostPath(bericht.id)));
      const photos = data.photos as { alt?: unknown }[] | undefined;
      if (photos?.[0]?.alt !== normalise(alt)) found.push(`alt reads back as ${JSON.stringify(photos?.[0]?.alt)}`);
      problems.push(...found.map((f) => `${e.id} (${e.description}): ${f}`));
    });
    expect(problems).toEqual([]);
  }, 180_000);

  it(`photos are re-encoded: no script, no EXIF or GPS, a path the server chose (${of('foto', 'harmless').length} entries)`, async () => {
    const problems: string[] = [];
    for (const e of of('foto', 'harmless')) {
      const f = e.input as FileInput;
      const res = await api.call('/api/berichten', { as: 'bas-bakker', body: multipart({ tekst: 'foto' }, [{ bytes: await f.bytes(), name: f.name, type: f.type }], ['Een foto']) });
      if (res.status !== 201) {
        problems.push(`${e.id}: status ${res.status} ${(await res.text()).slice(0, 200)}`);
        continue;
      }
      const { bericht } = await json<{ bericht: { id: string; photos: { src: string }[] } }>(res);
      const src = bericht.photos[0]?.src ?? '';
      if (!new RegExp(`^/media/berichten/\\d{4}/\\d{2}/${bericht.id}-1\\.(jpg|png|webp)$`).test(src)) problems.push(`${e.id}: stored at ${src}`);
      const raw = readFileSync(join(api.repo, 'public', src));
      const meta = await sharp(raw).metadata();
      if (meta.exif || meta.xmp || meta.iptc) problems.push(`${e.id}: metadata survived`);
      if (raw.includes('script') || raw.includes('Geheim') || raw.includes('PleinCam')) problems.push(`${e.id}: the upload's text survived`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('the live feed of everything stored renders harmless, and the repository is clean', async () => {
    const res = await api.call(`/api/feed?sinds=${start}`, { method: 'GET', as: 'bas-bakker' });
    expect(res.status).toBe(200);
    const { items } = await json<{ items: { id: string; html?: string }[] }>(res);
    expect(items.length).toBeGreaterThan(300);
    expect(items.flatMap((i) => findHtmlProblems(i.html ?? '').map((p) => `${i.id}: ${p}`))).toEqual([]);
    expect(api.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});
