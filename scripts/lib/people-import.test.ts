// The people import against a copy of a small content folder: good, changed, mapped and malformed exports.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { personSchema } from '../../src/schemas/person.ts';
import { runPeopleImport } from './run-people-import.ts';

const FIXTURES = resolve(import.meta.dirname, 'fixtures/import-people');
const fixture = (name: string) => join(FIXTURES, name);
const dirs: string[] = [];

/** A fresh copy of the fixture content folder under .plein/ (gitignored). */
function copyContent(): string {
  mkdirSync(resolve('.plein'), { recursive: true });
  const dir = mkdtempSync(resolve('.plein', 'import-people-'));
  dirs.push(dir);
  cpSync(fixture('content'), dir, { recursive: true });
  return dir;
}

/** Every file below the folder with its text, to prove nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const names = (readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.endsWith('.yml')).sort();
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

const person = (dir: string, id: string) => parse(readFileSync(join(dir, 'collegas', `${id}.yml`), 'utf8')) as Record<string, unknown>;

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('import:people with a good export', () => {
  it('adds new colleagues with collision-safe ids, fills personnel numbers, and every file validates', () => {
    const dir = copyContent();
    const before = snapshot(dir);
    const result = runPeopleImport({ csvPath: fixture('good.csv'), contentDir: dir, dryRun: false });
    expect(result.problems).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.plan!.added).toEqual([
      { id: 'anna-bakker-2', name: 'Anna Bakker' },
      { id: 'ozlem-celik', name: 'Özlem Çelik' },
    ]);
    expect(result.plan!.changed).toEqual([
      { id: 'bram-de-vries', name: 'Bram de Vries', fields: ['Personeelsnummer'] },
      { id: 'carla-smit', name: 'Carla Smit', fields: ['Personeelsnummer'] },
    ]);
    expect(result.plan!.unchanged).toEqual(['anna-bakker']);
    expect(result.report).toContain('Toegevoegd (2):');
    expect(result.report).toContain('  ~ bram-de-vries (Bram de Vries): Personeelsnummer');

    const after = snapshot(dir);
    expect(after['collegas/anna-bakker.yml']).toBe(before['collegas/anna-bakker.yml']);
    const departments = new Set(readdirSync(join(dir, 'afdelingen')).map((n) => n.replace(/\.yml$/, '')));
    for (const id of ['anna-bakker-2', 'ozlem-celik', 'bram-de-vries', 'carla-smit']) {
      const parsed = personSchema.parse(person(dir, id));
      expect(departments.has(parsed.department)).toBe(true);
    }
    expect(person(dir, 'anna-bakker-2')).toEqual({
      name: 'Anna Bakker', jobTitle: 'Klantadviseur', department: 'publiekszaken', email: 'anna.bakker2@example.nl',
      phone: '06 12345678', startDate: '2025-09-15', personnelNumber: '1003',
    });
    expect(person(dir, 'ozlem-celik').jobTitle).toBe('Medewerker Burgerzaken, balie');
    // A number-like personnel number stays a string in YAML.
    expect(readFileSync(join(dir, 'collegas/bram-de-vries.yml'), 'utf8')).toContain('personnelNumber: "1002"');
  });

  it('with --dry-run reports the same plan and writes nothing', () => {
    const dir = copyContent();
    const before = snapshot(dir);
    const result = runPeopleImport({ csvPath: fixture('good.csv'), contentDir: dir, dryRun: true });
    expect(result.code).toBe(0);
    expect(result.plan!.writes).toHaveLength(4);
    expect(result.report.at(-1)).toMatch(/^Proefdraai/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('import:people with a changed export (; delimiter, BOM, CRLF, newlines in quotes)', () => {
  it('changes only the fields that changed, keeps the rest and lists who left', () => {
    const raw = readFileSync(fixture('changed.csv'));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8')).toMatch(/"Senior beleidsadviseur\r\nverlof en verzuim"/);
    const dir = copyContent();
    const before = snapshot(dir);
    const result = runPeopleImport({ csvPath: fixture('changed.csv'), contentDir: dir, dryRun: false });
    expect(result.problems).toEqual([]);
    expect(result.plan!.delimiter).toBe(';');
    expect(result.plan!.changed).toEqual([{ id: 'anna-bakker', name: 'Anna Bakker', fields: ['Functie', 'Telefoon', 'Locatie'] }]);
    expect(result.plan!.unchanged).toEqual(['bram-de-vries']);
    expect(result.plan!.missing).toEqual([{ id: 'carla-smit', name: 'Carla Smit' }]);
    expect(result.report).toContain('  - carla-smit (Carla Smit)');
    expect(result.report.join('\n')).toMatch(/niet verwijderd/);

    const anna = readFileSync(join(dir, 'collegas/anna-bakker.yml'), 'utf8');
    const old = before['collegas/anna-bakker.yml'];
    expect(parse(anna)).toEqual({
      ...parse(old),
      jobTitle: 'Senior beleidsadviseur verlof en verzuim',
      phone: '0511 400 199',
      location: 'Stadhuis; 2e verdieping',
    });
    // The comment and the untouched lines stay exactly as they were.
    const untouched = (text: string) => text.split('\n').filter((l) => !/^(jobTitle|phone|location):/.test(l));
    expect(untouched(anna)).toEqual(untouched(old));
    expect(snapshot(dir)['collegas/bram-de-vries.yml']).toBe(before['collegas/bram-de-vries.yml']);
    expect(snapshot(dir)['collegas/carla-smit.yml']).toBe(before['collegas/carla-smit.yml']);
  });
});

describe('import:people fills roles and the location (vestiging) from the site settings (issue 17)', () => {
  it('reads ids or names split by ; or , once each, replaces the roles a filled cell names and keeps them on an empty cell', () => {
    const dir = copyContent();
    const before = snapshot(dir);
    const result = runPeopleImport({ csvPath: fixture('roles.csv'), contentDir: dir, dryRun: false });
    expect(result.problems).toEqual([]);
    expect(result.plan!.added).toEqual([{ id: 'dirk-de-boer', name: 'Dirk de Boer' }]);
    expect(result.plan!.changed).toEqual([
      { id: 'anna-bakker', name: 'Anna Bakker', fields: ['Vestiging', 'Rollen'] },
      { id: 'bram-de-vries', name: 'Bram de Vries', fields: ['Personeelsnummer'] },
      { id: 'carla-smit', name: 'Carla Smit', fields: ['Personeelsnummer'] },
    ]);
    expect(person(dir, 'dirk-de-boer')).toMatchObject({ workLocation: 'gemeentewerf', roles: ['boa', 'buitendienst'] });
    const anna = readFileSync(join(dir, 'collegas/anna-bakker.yml'), 'utf8');
    expect(anna).toBe(`${before['collegas/anna-bakker.yml']}workLocation: stadhuis\nroles: [ leidinggevenden, bhv ]\n`);
    expect(person(dir, 'carla-smit').roles).toEqual(['bhv']);
    expect(person(dir, 'bram-de-vries').roles).toBeUndefined();
    // Importing the same export again changes nothing.
    const again = runPeopleImport({ csvPath: fixture('roles.csv'), contentDir: dir, dryRun: true });
    expect(again.plan!.changed).toEqual([]);
    expect(again.plan!.unchanged).toEqual(['anna-bakker', 'bram-de-vries', 'carla-smit', 'dirk-de-boer']);
  });

  it('maps the export\'s own names through "rollen" and "vestigingen" in the mapping file', () => {
    const dir = copyContent();
    const csvPath = join(dir, 'export.csv');
    const mappingPath = join(dir, 'kolommen.yml');
    writeFileSync(csvPath, 'Personeelsnummer,Naam,E-mail,Functie,Afdeling,Datum in dienst,Functiegroep,Vestiging\n2002,Eva Boa,eva.boa@example.nl,Boa,publiekszaken,2026-01-05,Handhaver,Werf\n');
    writeFileSync(mappingPath, 'kolommen:\n  roles: Functiegroep\n  workLocation: Vestiging\nrollen:\n  Handhaver: boa\nvestigingen:\n  Werf: gemeentewerf\n');
    const result = runPeopleImport({ csvPath, mappingPath, contentDir: dir, dryRun: false });
    expect(result.problems).toEqual([]);
    expect(person(dir, 'eva-boa')).toMatchObject({ roles: ['boa'], workLocation: 'gemeentewerf', location: 'Werf' });
    writeFileSync(mappingPath, 'rollen:\n  Handhaver: [boa]\n');
    expect(runPeopleImport({ csvPath, mappingPath, contentDir: dir, dryRun: true }).problems).toEqual([`${mappingPath}: "rollen" moet per naam in de export een rol-id uit de instellingen geven`]);
  });
});

describe('import:people with a mapping file', () => {
  it('reads other column names and maps department names from the export to ids', () => {
    const dir = copyContent();
    const result = runPeopleImport({ csvPath: fixture('mapped.csv'), mappingPath: fixture('kolommen.yml'), contentDir: dir, dryRun: false });
    expect(result.problems).toEqual([]);
    expect(person(dir, 'femke-jansen')).toMatchObject({ name: 'Femke Jansen', department: 'publiekszaken', personnelNumber: '2001', jobTitle: 'Klantadviseur' });
  });

  it('refuses a mapping file with an unknown field, writing nothing', () => {
    const dir = copyContent();
    const mappingPath = join(dir, 'bad-kolommen.yml');
    writeFileSync(mappingPath, readFileSync(fixture('kolommen.yml'), 'utf8').replace('jobTitle:', 'functie:'));
    const before = snapshot(join(dir, 'collegas'));
    const result = runPeopleImport({ csvPath: fixture('mapped.csv'), mappingPath, contentDir: dir, dryRun: false });
    expect(result.code).toBe(1);
    expect(result.problems[0]).toBe(`${mappingPath}: kolommen: onbekend veld "functie" (bekend: id, personnelNumber, name, firstName, middleName, lastName, email, jobTitle, department, phone, location, startDate, roles, workLocation)`);
    expect(snapshot(join(dir, 'collegas'))).toEqual(before);
  });
});

describe('import:people refuses a malformed export with the line and the problem', () => {
  const cases: [string, string[]][] = [
    ['unbalanced-quote.csv', ['3: aanhalingsteken wordt niet gesloten (de rest van het bestand hoort nu bij deze cel)']],
    ['column-count.csv', ['3: 7 kolommen, de kopregel heeft er 6 (scheidingsteken ",")']],
    ['missing-column.csv', ['1: kolom voor Afdeling ontbreekt (verwacht een van: Afdeling, Organisatie-eenheid, Team)']],
    ['invalid-email.csv', ['2: E-mail: moet een geldig e-mailadres zijn ("anna.bakker@")']],
    ['duplicate-number.csv', ['4: Personeelsnummer 1001 staat ook op regel 2']],
    ['duplicate-email.csv', ['4: E-mailadres anna.bakker@example.nl staat ook op regel 2']],
    ['unknown-department.csv', ['3: Afdeling: "Burgerzaken" bestaat niet in content/afdelingen (gebruik een id of naam van een afdeling, of zet haar onder "afdelingen" in het kolommenbestand)']],
    ['windows-1252.csv', ['3: geen UTF-8 (Excel\'s gewone "CSV" is Windows-1252); sla het bestand op als "CSV UTF-8 (door komma\'s gescheiden)"']],
    ['unknown-role.csv', [
      '2: Rollen: "brandweer", "Kok" staan niet in de rollen in instellingen/site.yml (gebruik een id of naam van een rol, of zet hem onder "rollen" in het kolommenbestand)',
      '3: Vestiging: "Werf" staat niet in de vestigingen in instellingen/site.yml (gebruik een id of naam van een vestiging, of zet haar onder "vestigingen" in het kolommenbestand)',
    ]],
    ['bad-date.csv', ['2: In dienst sinds: "31-02-2026" is geen datum (gebruik 2026-03-15 of 15-03-2026)', '3: In dienst sinds: ontbreekt (lege cel of geen kolom)']],
  ];
  for (const [file, expected] of cases) {
    it(file, () => {
      const dir = copyContent();
      const before = snapshot(dir);
      const csvPath = fixture(`malformed/${file}`);
      const result = runPeopleImport({ csvPath, contentDir: dir, dryRun: false });
      expect(result.code).toBe(1);
      expect(result.problems).toEqual(expected.map((e) => `${csvPath}:${e}`));
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('the command exits non-zero and prints file:line: problem on stderr', () => {
    const dir = copyContent();
    const before = snapshot(dir);
    const csv = 'scripts/lib/fixtures/import-people/malformed/unknown-department.csv';
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['scripts/import-people.ts', csv, '--content-dir', dir], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      ({ status, stderr } = err as { status: number; stderr: string });
    }
    expect(status).toBe(1);
    expect(stderr.split('\n')[0]).toBe(`${csv}:3: Afdeling: "Burgerzaken" bestaat niet in content/afdelingen (gebruik een id of naam van een afdeling, of zet haar onder "afdelingen" in het kolommenbestand)`);
    expect(stderr).toContain('Niets geschreven');
    expect(snapshot(dir)).toEqual(before);
  });
});
