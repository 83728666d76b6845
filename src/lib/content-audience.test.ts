// Issue 17: roles and locations come from the site settings; a colleague or an audience naming one that is not there
// (or a department that does not exist) fails the build with file, line, field and value.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../schemas/settings.ts';
import { newsSchema } from '../schemas/news.ts';
import { formatProblem, validateContent } from './validate-content.ts';

const F = 'tests/fixtures/bad-audience';
const { problems, entries } = validateContent(join(import.meta.dirname, '../../tests/fixtures/bad-audience'));
const lines = problems.map(formatProblem);

describe('audience and roles in the content check', () => {
  it('names file, line, field and value of an unknown department, location or role in a news audience', () => {
    expect(lines).toContain(`${F}/nieuws/verkeerd-gericht.md:10: audience.departments.1: verwijst naar afdeling "handhaving" die niet bestaat`);
    expect(lines).toContain(`${F}/nieuws/verkeerd-gericht.md:11: audience.locations.0: verwijst naar vestiging "werf" die niet in de instellingen staat (locations in instellingen/site.yml)`);
    expect(lines).toContain(`${F}/nieuws/verkeerd-gericht.md:12: audience.roles.1: verwijst naar rol "brandweer" die niet in de instellingen staat (roles in instellingen/site.yml)`);
    // The ids that do exist are not reported.
    expect(lines.filter((l) => l.includes('verkeerd-gericht.md'))).toHaveLength(3);
  });

  it('checks an agenda item\'s audience the same way', () => {
    expect(lines).toContain(`${F}/agenda/training.md:9: audience.roles.0: verwijst naar rol "bodes" die niet in de instellingen staat (roles in instellingen/site.yml)`);
  });

  it('names an unknown role or location on a colleague', () => {
    expect(lines).toContain(`${F}/collegas/bram-boa.yml:6: workLocation: verwijst naar vestiging "gemeentewerf" die niet in de instellingen staat (locations in instellingen/site.yml)`);
    expect(lines).toContain(`${F}/collegas/bram-boa.yml:9: roles.1: verwijst naar rol "bode" die niet in de instellingen staat (roles in instellingen/site.yml)`);
    expect(lines.filter((l) => l.includes('bram-boa.yml'))).toHaveLength(2);
  });

  it('accepts a correct audience and colleague, and fills the lists an audience leaves out', () => {
    expect(lines.filter((l) => l.includes('gericht.md') && !l.includes('verkeerd'))).toEqual([]);
    expect(lines.filter((l) => l.includes('anna-jansen.yml'))).toEqual([]);
    expect(entries.nieuws.get('gericht')!.data.audience).toEqual({ departments: ['hr'], locations: ['stadhuis'], roles: ['boa', 'leidinggevenden'] });
    expect(entries.agenda.get('training')!.data.audience).toEqual({ departments: [], locations: [], roles: ['bodes'] });
    expect(entries.collegas.get('anna-jansen')!.data.roles).toEqual(['leidinggevenden']);
  });
});

describe('the schemas', () => {
  const base = { name: 'Plein', organisation: 'Test', logo: { src: '/media/logo.svg', alt: 'Logo' }, footer: { text: 'x' }, newsTipEmail: 'a@b.nl' };
  it('refuse a role or location id given twice in the settings, and an id that is no id', () => {
    const twice = settingsSchema.safeParse({ ...base, roles: [{ id: 'boa', label: 'Boa' }, { id: 'boa', label: 'Boa 2' }] });
    expect(twice.success).toBe(false);
    expect(twice.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['roles.1.id', 'id "boa" staat er twee keer in']]);
    expect(settingsSchema.safeParse({ ...base, locations: [{ id: 'Stadhuis', label: 'Stadhuis' }] }).success).toBe(false);
    expect(settingsSchema.parse(base)).toMatchObject({ roles: [], locations: [] });
  });
  it('refuse an unknown key in an audience (a typo like "rollen")', () => {
    const news = { title: 'Test', summary: 'Een samenvatting.', date: '2026-01-01', author: 'a', category: 'ict' };
    const typo = newsSchema.safeParse({ ...news, audience: { rollen: ['boa'] } });
    expect(typo.success).toBe(false);
    expect(typo.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: ['audience'] });
    expect(newsSchema.parse(news).audience).toBeUndefined();
  });
});
