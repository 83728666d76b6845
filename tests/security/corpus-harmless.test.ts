// The legitimate texts of the hostile-input corpus, through the real API on a real git repository: stored,
// read back exactly (our parser and the build's), and rendered — build renderer, API answers, preview and
// live feed — without scripts, event handlers, unsafe URLs or ids that could clobber globals.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCommentPath, getPostPath } from '../../functions/content/paths.ts';
import type { FileInput } from './corpus/index.ts';
import { findHtmlProblems } from './corpus-html-safety.ts';
import { checkStoredText, normalise, pool, readBack } from './corpus-checks.ts';
import { startCorpusApi, type CorpusApi } from './corpus-harness.ts';
import { createFixtures, jpeg, json, multipart, of } from './corpus-requests.ts';

let api: CorpusApi;
let post: string;
let start: string;

beforeAll(async () => {
  api = await startCorpusApi();
  start = await api.store.head();
  ({ post } = await createFixtures(api));
}, 60_000);

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
