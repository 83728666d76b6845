// The AVG export (issue 19 item 5): the ZIP writer against an independent reader and node:zlib's CRC-32; a thread
// where others commented gives the person's own comment and post (with its photo and state-store rows) and none of
// the others' comments, ids or names; `npm run export` writes the file, and refuses an unknown colleague by id.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeTestApi } from '../../tests/support/posting-api.ts';
import { expectRefusals } from '../../tests/support/refusals.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';
import { createContentPaths } from '../content/paths.ts';
import { createZip } from '../lib/zip.ts';
import { openStateStore } from '../state/open.ts';
import { collectExport, exportZip, UnknownColleagueError } from './export.ts';

const root = mkdtempSync(join(tmpdir(), 'plein-export-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The files of a stored ZIP, read from its central directory; checks each CRC with node:zlib. */
function readZip(zip: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const offset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(offset, true)).toBe(0x04034b50);
    const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const data = zip.subarray(start, start + size);
    expect(zlibCrc32(data), name).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength;
  }
  return files;
}

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe('createZip', () => {
  it('writes stored entries a reader finds back byte for byte, with UTF-8 names and correct CRCs', () => {
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256);
    const files = readZip(createZip([{ name: 'LEESMIJ.txt', data: 'Één regel\r\n' }, { name: 'fotos/foto’s.bin', data: bytes }, { name: 'leeg.json', data: '' }]));
    expect([...files.keys()]).toEqual(['LEESMIJ.txt', 'fotos/foto’s.bin', 'leeg.json']);
    expect(text(files.get('LEESMIJ.txt'))).toBe('Één regel\r\n');
    expect(files.get('fotos/foto’s.bin')).toEqual(bytes);
    expect(files.get('leeg.json')).toHaveLength(0);
  });
});

// A thread: Bas's post with comments by Anna, Bas and Carla; Anna's own post with a photo, hidden by Bas.
const POST_BAS = '01m6zs4mj04aehhq9tkch67cqh';
const POST_ANNA = '01m6zs4mj04aehhq9tkch67cqj';
const paths = createContentPaths();
const PHOTO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const REPO: Record<string, string> = {
  'content/collegas/anna-aksoy.yml': 'name: Anna Aksoy\nemail: anna.aksoy@gemeente.example\ndepartment: burgerzaken\n',
  'content/collegas/bas-bakker.yml': 'name: Bas Bakker\nemail: bas.bakker@gemeente.example\ndepartment: burgerzaken\n',
  'content/collegas/carla-claes.yml': 'name: Carla Claes\nemail: carla.claes@gemeente.example\ndepartment: burgerzaken\n',
  [paths.post(POST_BAS)]: '---\nauthor: bas-bakker\ncreated: 2026-11-09T10:00:00+01:00\n---\nWie loopt er mee met de 10 km?\n',
  [paths.post(POST_ANNA)]: `---\nauthor: anna-aksoy\ncreated: 2026-11-09T12:00:00+01:00\nphotos:\n  - src: /media/berichten/2026/11/${POST_ANNA}-0.png\n    alt: Startnummer\nhidden:\n  by: bas-bakker\n  at: 2026-11-10T09:00:00+01:00\n  reason: dubbel geplaatst\n---\nMijn startnummer is binnen.\n`,
  'content/reacties/2026/11/01m6zxq4203c1397x0nhbev5s1.md': `---\nauthor: anna-aksoy\ncreated: 2026-11-09T11:30:00+01:00\non:\n  type: bericht\n  id: ${POST_BAS}\n---\nIk ook! Eerste keer 10 kilometer.\n`,
  'content/reacties/2026/11/01m6zxq4203c1397x0nhbev5s2.md': `---\nauthor: bas-bakker\ncreated: 2026-11-09T11:40:00+01:00\non:\n  type: bericht\n  id: ${POST_BAS}\n---\nTop Anna, zie je bij de start.\n`,
  'content/reacties/2026/11/01m6zxq4203c1397x0nhbev5s3.md': `---\nauthor: carla-claes\ncreated: 2026-11-09T11:50:00+01:00\non:\n  type: bericht\n  id: ${POST_BAS}\n---\nIk kom aanmoedigen met koffie.\n`,
};

describe('collectExport', () => {
  it('holds the person’s comment, post, photo and state rows, and none of the others’ comments, ids or names', async () => {
    const state = await openStateStore({ PLEIN_STATE_DIR: join(root, 'state-thread') });
    const db = state.db;
    await db.insertInto('appreciations').values({ target_type: 'bericht', target_id: POST_BAS, person: 'anna-aksoy', kind: 'hartje', created_at: 1 }).execute();
    await db.insertInto('appreciations').values({ target_type: 'bericht', target_id: POST_BAS, person: 'carla-claes', kind: 'duim', created_at: 2 }).execute();
    await db.insertInto('notifications').values({ id: 'n1', person: 'anna-aksoy', kind: 'reactie-gevolgd', actor: 'carla-claes', target_type: 'bericht', target_id: POST_BAS, title: 'Wie loopt er mee', text: 'Ik kom aanmoedigen met koffie.', url: `/berichten/${POST_BAS}/`, group_key: `reacties:bericht:${POST_BAS}`, source: 'nieuw:reactie:x', created_at: 3, read_at: null, in_app: 1, email: 0, push: 0, mailed_at: null, pushed_at: null }).execute();
    await db.insertInto('follows').values({ person: 'anna-aksoy', target_type: 'collega', target_id: 'bas-bakker', state: 1, auto: 0, created_at: 4 }).execute();

    const read: string[] = [];
    const entries = await collectExport(
      {
        paths,
        exportState: state.personalData.export,
        reader: { list: async (prefixes) => Object.keys(REPO).filter((f) => prefixes.some((p) => f.startsWith(p))), read: async (p) => REPO[p] },
        readPhoto: async (p) => (read.push(p), p === `public/media/berichten/2026/11/${POST_ANNA}-0.png` ? PHOTO : undefined),
        now: new Date('2026-12-06T12:00:00Z'),
      },
      'anna-aksoy',
    );
    await state.close();
    const files = new Map(entries.map((e) => [e.name, typeof e.data === 'string' ? e.data : text(e.data)]));
    expect([...files.keys()].filter((n) => !n.startsWith('statusopslag/'))).toEqual([
      'LEESMIJ.txt',
      'profiel.yml',
      `berichten/2026/11/${POST_ANNA}.md`,
      'reacties/2026/11/01m6zxq4203c1397x0nhbev5s1.md',
      `fotos/berichten/${POST_ANNA}-0.png`,
    ]);
    expect(files.get('reacties/2026/11/01m6zxq4203c1397x0nhbev5s1.md')).toContain('Ik ook! Eerste keer 10 kilometer.');
    expect(entries.find((e) => e.name.startsWith('fotos/'))!.data).toEqual(PHOTO);
    // Her post keeps why it was hidden, not who hid it.
    expect(files.get(`berichten/2026/11/${POST_ANNA}.md`)).toContain('reason: dubbel geplaatst');
    expect(JSON.parse(files.get('statusopslag/appreciations.json')!)).toEqual([{ target_type: 'bericht', target_id: POST_BAS, person: 'anna-aksoy', kind: 'hartje', created_at: 1 }]);
    expect(JSON.parse(files.get('statusopslag/notifications.json')!)).toHaveLength(1);
    expect(files.get('LEESMIJ.txt')).toContain('Je reacties (1)');
    const all = [...files.values()].join('\n');
    for (const other of ['bas-bakker', 'Bas', 'carla-claes', 'Carla', 'zie je bij de start', 'aanmoedigen met koffie', 'Wie loopt er mee']) expect(all, other).not.toContain(other);
  });

  it('refuses a colleague without a people file', async () => {
    const state = await openStateStore({ PLEIN_STATE_DIR: join(root, 'state-unknown') });
    const sources = { paths, exportState: state.personalData.export, reader: { list: async () => [], read: async (p: string) => REPO[p] }, readPhoto: async () => undefined };
    await expect(exportZip(sources, 'niemand')).rejects.toThrow(UnknownColleagueError);
    await expect(exportZip(sources, '../collegas/anna-aksoy')).rejects.toThrow('Er is geen collega met id "../collegas/anna-aksoy"');
    await state.close();
  });
});

describe('npm run export', () => {
  const repo = join(root, 'repo');
  for (const [file, content] of Object.entries(REPO)) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), content);
  }
  mkdirSync(join(repo, 'public/media/berichten/2026/11'), { recursive: true });
  writeFileSync(join(repo, `public/media/berichten/2026/11/${POST_ANNA}-0.png`), PHOTO);
  const { PLEIN_DATABASE_URL: _unused, ...rest } = process.env;
  const env = { ...rest, PLEIN_STATE_DIR: join(root, 'cli-state') };
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [join(import.meta.dirname, '../../scripts/export.ts'), '--repo', repo, ...args], { env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('writes one ZIP for a colleague, and refuses an unknown one by id with a non-zero exit', async () => {
    const out = join(root, 'anna.zip');
    const ok = await run('--colleague', 'anna-aksoy', '--out', out);
    expect(ok.code).toBe(0);
    const files = readZip(new Uint8Array(readFileSync(out)));
    expect(files.get(`fotos/berichten/${POST_ANNA}-0.png`)).toEqual(PHOTO);
    expect(text(files.get('reacties/2026/11/01m6zxq4203c1397x0nhbev5s1.md'))).toContain('Ik ook!');

    const missing = join(root, 'niemand.zip');
    const refused = await run('--colleague', 'niemand-bekend', '--out', missing);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"niemand-bekend"');
    expect(existsSync(missing)).toBe(false);
  });
});

describe('GET /api/mijn-gegevens', () => {
  const thread = {
    'content/collegas/anouk-de-vries.yml': 'name: Anouk de Vries\nemail: anouk@wadvoort.nl\ndepartment: hr\n',
    'content/collegas/bas-bakker.yml': 'name: Bas Bakker\nemail: bas@wadvoort.nl\ndepartment: ict\n',
    [paths.post(POST_BAS)]: '---\nauthor: bas-bakker\ncreated: 2026-11-09T10:00:00+01:00\n---\nWie loopt er mee met de 10 km?\n',
    [paths.post(POST_ANNA)]: `---\nauthor: anouk-de-vries\ncreated: 2026-11-09T12:00:00+01:00\nphotos:\n  - src: /media/berichten/2026/11/${POST_ANNA}-0.png\n    alt: Startnummer\n---\nMijn startnummer is binnen.\n`,
    'content/reacties/2026/11/01m6zxq4203c1397x0nhbev5s1.md': `---\nauthor: anouk-de-vries\ncreated: 2026-11-09T11:30:00+01:00\non:\n  type: bericht\n  id: ${POST_BAS}\n---\nIk ook! Eerste keer 10 kilometer.\n`,
    'content/reacties/2026/11/01m6zxq4203c1397x0nhbev5s2.md': `---\nauthor: bas-bakker\ncreated: 2026-11-09T11:40:00+01:00\non:\n  type: bericht\n  id: ${POST_BAS}\n---\nTop Anouk, zie je bij de start.\n`,
    'content/reacties/2026/11/01m6zxq4203c1397x0nhbev5s3.md': `---\nauthor: eva-editor\ncreated: 2026-11-09T11:50:00+01:00\non:\n  type: bericht\n  id: ${POST_ANNA}\n---\nSucces Anouk!\n`,
  };

  it('gives the logged-in colleague their own ZIP, with their comment and photo and none of the others’; refuses without login, profile or state store', async () => {
    const state = await openStateStore({ PLEIN_STATE_DIR: join(root, 'state-route') });
    await state.db.insertInto('read_confirmations').values({ news_id: 'fietsplan', person: 'anouk-de-vries', confirmed_at: 5 }).execute();
    await state.db.insertInto('read_confirmations').values({ news_id: 'fietsplan', person: 'bas-bakker', confirmed_at: 6 }).execute();
    const fetched: string[] = [];
    let photoThere = true;
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      fetched.push(`${String(input)} ${new Headers(init?.headers).get('cookie')}`);
      return photoThere ? new Response(PHOTO) : new Response('weg', { status: 404 });
    });
    try {
      const { request } = makeTestApi({ state, siteUrl: 'https://intranet.example' } as never, makeTempRepo(thread, 'plein-export-route-'));
      const res = await request('/api/mijn-gegevens', { as: 'anouk-de-vries', headers: { cookie: 'plein_sessie=abc' } });
      expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="mijn-gegevens-plein-\d{4}-\d{2}-\d{2}\.zip"$/);
      expect(res.headers.get('cache-control')).toContain('no-store');
      const files = readZip(new Uint8Array(await res.arrayBuffer()));
      expect(text(files.get('reacties/2026/11/01m6zxq4203c1397x0nhbev5s1.md'))).toContain('Ik ook!');
      expect(files.get(`fotos/berichten/${POST_ANNA}-0.png`)).toEqual(PHOTO);
      // The photo comes from the configured site, with the colleague's own cookie.
      expect(fetched).toEqual([`https://intranet.example/media/berichten/2026/11/${POST_ANNA}-0.png plein_sessie=abc`]);
      expect(JSON.parse(text(files.get('statusopslag/read_confirmations.json')))).toEqual([{ news_id: 'fietsplan', person: 'anouk-de-vries', confirmed_at: 5 }]);
      const all = [...files.values()].map(text).join('\n');
      for (const other of ['bas-bakker', 'Bas Bakker', 'eva-editor', 'zie je bij de start', 'Succes Anouk']) expect(all, other).not.toContain(other);

      // A photo that cannot be read is left out, and LEESMIJ.txt says so.
      photoThere = false;
      const without = readZip(new Uint8Array(await (await request('/api/mijn-gegevens', { as: 'anouk-de-vries' })).arrayBuffer()));
      expect(without.has(`fotos/berichten/${POST_ANNA}-0.png`)).toBe(false);
      expect(text(without.get('LEESMIJ.txt'))).toContain(`niet meegenomen: /media/berichten/2026/11/${POST_ANNA}-0.png`);

      const stateless = makeTestApi({}, makeTempRepo(thread, 'plein-export-zonder-'));
      await expectRefusals([
        [await request('/api/mijn-gegevens'), 401, 'niet_ingelogd'],
        [await request('/api/mijn-gegevens', { as: 'mod-koffie' }), 404, 'profiel_onbekend'],
        [await stateless.request('/api/mijn-gegevens', { as: 'anouk-de-vries' }), 503, 'export_niet_beschikbaar'],
      ]);
    } finally {
      fetchSpy.mockRestore();
      await state.close();
    }
  });
});
