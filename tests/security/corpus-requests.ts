// How corpus entries reach the API: the requests each field is sent as, multipart forms and a small JPEG.
import sharp from 'sharp';
import { CORPUS, type CorpusEntry, type FileInput } from './corpus/index.ts';
import type { CorpusApi } from './corpus-harness.ts';

/** The response body as JSON. */
export const json = async <T>(res: Response) => (await res.json()) as T;

/** A post by Anouk in Koffietijd and her comment under it: the targets of edits, hides and deletes. */
export interface Fixtures { post: string; comment: string }

/** Creates the fixtures every runner needs. */
export async function createFixtures(api: CorpusApi): Promise<Fixtures> {
  const res = await api.call('/api/berichten', { as: 'anouk-de-vries', json: { tekst: 'Vaste post', groep: 'koffietijd' } });
  const post = (await json<{ bericht: { id: string } }>(res)).bericht.id;
  const c = await api.call('/api/reacties', { as: 'anouk-de-vries', json: { doel: { type: 'bericht', id: post }, tekst: 'Vaste reactie' } });
  return { post, comment: (await json<{ reactie: { id: string } }>(c)).reactie.id };
}

/** The corpus entries of one field and expectation. */
export const of = (field: CorpusEntry['field'], kind: 'refused' | 'harmless') => CORPUS.filter((e) => e.field === field && e.expect.kind === kind);
/** The statuses an entry may be refused with, if it names them. */
export const allowed = (e: CorpusEntry) => (e.expect.kind === 'refused' ? e.expect.status : undefined);

/** A multipart form as the composer sends it. */
export function multipart(fields: Record<string, string | undefined>, files: { bytes: Uint8Array; name: string; type: string }[] = [], alts: string[] = []): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
  for (const f of files) form.append('foto', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type }));
  for (const a of alts) form.append('alt', a);
  return form;
}

let jpegBytes: Promise<Buffer> | undefined;
/** A small real JPEG. */
export const jpeg = () => (jpegBytes ??= sharp({ create: { width: 32, height: 24, channels: 3, background: '#2a6f97' } }).jpeg().toBuffer());

type Send = [string, () => Promise<Response>];

/** The requests a refused entry is sent as, by field: every write endpoint the field reaches. */
export function requestsFor(api: CorpusApi, { post, comment }: Fixtures, e: CorpusEntry): Send[] {
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
        ['proposal page', () => api.call('/api/voorstellen', { as: 'bas-bakker', json: { pagina: v, tekst: 'Nieuwe tekst.', toelichting: 'beter' } })],
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
        ['proposal', send('/api/voorstellen', 'bas-bakker')],
      ];
    }
    case 'foto': {
      const f = v as FileInput;
      return [['photo', async () => api.call('/api/berichten', { as: 'bas-bakker', body: multipart({ tekst: 'foto' }, [{ bytes: await f.bytes(), name: f.name, type: f.type }], ['Een foto']) })]];
    }
  }
}
