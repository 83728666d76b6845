import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../../src/config.ts';
import { createTestPeople } from '../../tests/support/people.ts';
import { createPeopleDirectory, loadPeopleDirectory, loadReloadablePeople } from './people-directory.ts';

describe('people directory', () => {
  it('reads the demo organisation and finds colleagues by e-mail in any case', () => {
    const people = loadPeopleDirectory(CONTENT_DIR);
    expect(people.all().length).toBeGreaterThan(10);
    const first = people.all()[0];
    expect(people.byEmail(first.email.toUpperCase())?.id).toBe(first.id);
    expect(people.byId(first.id)?.name).toBe(first.name);
    expect(people.ids().has(first.id)).toBe(true);
    expect(people.byEmail('niemand@wadvoort.nl')).toBeUndefined();
  });

  it('refuses two profiles with the same e-mail address', () => {
    const [a] = createTestPeople().all();
    expect(() => createPeopleDirectory([a, { ...a, id: 'dubbel', email: a.email.toUpperCase() }])).toThrow(/hetzelfde e-mailadres/);
  });

  it('reads the folder again on reload: a new colleague, a changed department, an erased one; an invalid profile keeps the old list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plein-people-'));
    const folder = join(dir, 'collegas');
    mkdirSync(folder);
    const person = (name: string, email: string, department: string) => `name: ${name}\njobTitle: Adviseur\ndepartment: ${department}\nemail: ${email}\nstartDate: 2020-01-01\n`;
    writeFileSync(join(folder, 'jan-de-vries.yml'), person('Jan de Vries', 'jan@wadvoort.nl', 'hr'));
    writeFileSync(join(folder, 'piet-bakker.yml'), person('Piet Bakker', 'piet@wadvoort.nl', 'ict'));
    const warnings: string[] = [];
    const people = loadReloadablePeople(dir, (m) => warnings.push(m));
    expect(people.byEmail('jan@wadvoort.nl')?.department).toBe('hr');
    writeFileSync(join(folder, 'jan-de-vries.yml'), person('Jan de Vries', 'jan@wadvoort.nl', 'ict'));
    writeFileSync(join(folder, 'anouk-smit.yml'), person('Anouk Smit', 'anouk@wadvoort.nl', 'hr'));
    rmSync(join(folder, 'piet-bakker.yml'));
    // Nothing changes until reload (after a build the server switched to).
    expect(people.byId('piet-bakker')).toBeDefined();
    people.reload();
    expect(people.byEmail('jan@wadvoort.nl')?.department).toBe('ict');
    expect(people.byEmail('anouk@wadvoort.nl')?.id).toBe('anouk-smit');
    expect(people.byEmail('piet@wadvoort.nl')).toBeUndefined();
    expect([...people.ids()].sort()).toEqual(['anouk-smit', 'jan-de-vries']);
    writeFileSync(join(folder, 'kapot.yml'), 'name: [onaf\n');
    people.reload();
    expect(warnings.join('\n')).toMatch(/vorige lijst blijft in gebruik.*kapot\.yml/s);
    expect(people.all().map((p) => p.id).sort()).toEqual(['anouk-smit', 'jan-de-vries']);
    rmSync(dir, { recursive: true, force: true });
  });
});
