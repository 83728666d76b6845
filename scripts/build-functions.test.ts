import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPeopleModule } from './lib/pages-people-module.ts';

const root = resolve(import.meta.dirname, '..');
const PROFILE = 'name: "Ahmet Demir"\njobTitle: "Klantcontactmedewerker"\ndepartment: publiekszaken\nemail: ahmet.demir@wadvoort.nl\nphone: "0511 459 520"\nlocation: "Stadhuis"\nstartDate: 2021-03-01\n';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function contentDir(files: Record<string, string>, news: Record<string, string> = {}) {
  const dir = mkdtempSync(join(root, '.plein', 'pages-people-'));
  made.push(dir);
  mkdirSync(join(dir, 'collegas'));
  mkdirSync(join(dir, 'nieuws'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'collegas', name), text);
  for (const [name, text] of Object.entries(news)) writeFileSync(join(dir, 'nieuws', name), text);
  return dir;
}

/** The JSON value of `export const <name> = …;` in the generated module. */
function exported(source: string, name: string) {
  const from = source.indexOf('= ', source.indexOf(`export const ${name}:`)) + 2;
  return JSON.parse(source.slice(from, source.indexOf(';\n', from)));
}

describe('npm run build:functions (the colleagues of the Pages Function)', () => {
  it('lists every colleague with only id, name, e-mail, department and editor: no phone, location or dates in the bundle', () => {
    const dir = contentDir({ 'ahmet-demir.yml': PROFILE, 'anouk-de-vries.yml': PROFILE.replace('Ahmet Demir', 'Anouk de Vries').replace('ahmet.demir', 'anouk.devries') + 'editor: true\n' });
    const { source, count } = renderPeopleModule(dir);
    expect(count).toBe(2);
    const list = exported(source, 'people');
    expect(list).toEqual([
      { id: 'ahmet-demir', name: 'Ahmet Demir', email: 'ahmet.demir@wadvoort.nl', department: 'publiekszaken', editor: false },
      { id: 'anouk-de-vries', name: 'Anouk de Vries', email: 'anouk.devries@wadvoort.nl', department: 'publiekszaken', editor: true },
    ]);
    expect(source).not.toMatch(/0511|Stadhuis|2021/);
  });

  it('keeps a colleague\'s roles and location (vestiging), which targeted news needs (issue 17), and nothing else new', () => {
    const { source } = renderPeopleModule(contentDir({ 'ahmet-demir.yml': `${PROFILE}roles: [boa, buitendienst]\nworkLocation: gemeentewerf\n` }));
    const list = exported(source, 'people');
    expect(list).toEqual([{ id: 'ahmet-demir', name: 'Ahmet Demir', email: 'ahmet.demir@wadvoort.nl', department: 'publiekszaken', editor: false, roles: ['boa', 'buitendienst'], workLocation: 'gemeentewerf' }]);
  });

  it('lists the news as the must-read routes know it (issue 17): id, title, dates, must-read, deadline, audience; no text', () => {
    const item = '---\ntitle: MFA verplicht\nsummary: Vanaf maandag met je telefoon inloggen.\ndate: 2026-10-06T08:45:00+02:00\npublishDate: 2026-10-07T07:00:00+02:00\nauthor: ahmet-demir\ncategory: ict\nverplichtLezen: true\ngelezenVoor: 2027-01-31T17:00:00+01:00\naudience:\n  departments: [publiekszaken]\n---\nGeheime uitleg in de tekst.\n';
    const { source, news } = renderPeopleModule(contentDir({ 'ahmet-demir.yml': PROFILE }, { 'mfa.md': item }));
    expect(news).toBe(1);
    expect(exported(source, 'news')).toEqual([{
      id: 'mfa', title: 'MFA verplicht', url: '/nieuws/mfa/', publishedAt: Date.parse('2026-10-07T05:00:00Z'), draft: false, publishDate: '2026-10-07T05:00:00.000Z',
      mustRead: true, deadline: Date.parse('2027-01-31T16:00:00Z'), audience: { afdelingen: ['publiekszaken'], locaties: [], rollen: [] },
    }]);
    expect(source).not.toContain('Geheime uitleg');
  });

  it('stops on an invalid profile, naming the file and the field, and on two profiles sharing an e-mail', () => {
    expect(() => renderPeopleModule(contentDir({ 'kapot.yml': PROFILE.replace('email: ahmet.demir@wadvoort.nl', 'email: geen-adres') }))).toThrow(/kapot\.yml: email/);
    expect(() => renderPeopleModule(contentDir({ 'a.yml': PROFILE, 'b.yml': PROFILE }))).toThrow(/hetzelfde e-mailadres/);
  });

  it('writes the module where --out says, as a script', () => {
    const dir = mkdtempSync(join(root, '.plein', 'pages-people-out-'));
    made.push(dir);
    const out = join(dir, 'people.generated.ts');
    const printed = execFileSync(process.execPath, [join(root, 'scripts/build-functions.ts'), '--out', out], { cwd: root, encoding: 'utf8' });
    expect(printed).toMatch(/\d+ collega's en \d+ nieuwsberichten voor de Pages Function/);
    expect(readFileSync(out, 'utf8')).toContain('"id": "ahmet-demir"');
  });
});
