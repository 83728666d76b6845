import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../lib/rate-limit.ts';
import { makeTestApi } from '../../tests/support/posting-api.ts';
import { expectRefusals } from '../../tests/support/refusals.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';

// As the HR import writes it, with a comment an editor left.
const ANOUK = `# Bijgewerkt door de import van 1 november
name: "Anouk de Vries"
jobTitle: "Adviseur P&O"
department: hr
email: anouk@wadvoort.nl
phone: "06 12345678"
photo:
  src: /media/collegas/anouk.jpg
  alt: Anouk lacht in de camera
startDate: 2020-03-01
personnelNumber: "1001"
`;

function setUp(limiter?: ReturnType<typeof createRateLimiter>) {
  const repo = makeTempRepo({ 'content/collegas/anouk-de-vries.yml': ANOUK, 'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\n---\n' }, 'plein-profiel-');
  const api = makeTestApi(limiter ? { limiter } : {}, repo);
  const file = () => readFileSync(join(repo, 'content/collegas/anouk-de-vries.yml'), 'utf8');
  const log = () => execFileSync('git', ['log', '--format=%an|%s'], { cwd: repo, encoding: 'utf8' }).trim().split('\n');
  return { api, file, log };
}
const patch = (api: ReturnType<typeof makeTestApi>, as: string, json: unknown) => api.request('/api/profiel', { method: 'PATCH', as, json });

describe('own profile (/api/profiel)', () => {
  it('saves over mij, vraag me over, phone visibility and photo consent as a commit by the colleague, keeping everything HR wrote', async () => {
    const { api, file, log } = setUp();
    expect(await (await api.request('/api/profiel', { as: 'anouk-de-vries' })).json()).toEqual({ overMij: null, vraagMeOver: [], telefoonZichtbaar: true, fotoToestemming: false });
    const res = await patch(api, 'anouk-de-vries', { overMij: 'Ik werk sinds 2020 bij P&O.\r\n\r\nVraag me gerust iets.', vraagMeOver: [' Verlof ', 'Fietsplan'], telefoonZichtbaar: false, fotoToestemming: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(await res.json()).toEqual({ overMij: 'Ik werk sinds 2020 bij P&O.\n\nVraag me gerust iets.', vraagMeOver: ['Verlof', 'Fietsplan'], telefoonZichtbaar: false, fotoToestemming: true });
    const saved = file();
    // What HR and editors wrote is untouched, comment and phone number included; the new fields are added.
    for (const line of ANOUK.trim().split('\n')) expect(saved).toContain(line);
    expect(saved).toMatch(/^phoneVisible: false$/m);
    expect(saved).toMatch(/^photoConsent: true$/m);
    expect(saved).toMatch(/^askMeAbout:\n {2}- Verlof\n {2}- Fietsplan$/m);
    expect(log()[0]).toBe('Anouk de Vries|Profiel bijgewerkt door Anouk de Vries');

    // Emptying removes the fields again; visible is the default, so it is not written down.
    expect(await (await patch(api, 'anouk-de-vries', { overMij: '', vraagMeOver: [], telefoonZichtbaar: true })).json()).toMatchObject({ overMij: null, vraagMeOver: [], telefoonZichtbaar: true });
    expect(file()).not.toMatch(/about|askMeAbout|phoneVisible/);
    // The same again changes nothing: no empty commit.
    const commits = log().length;
    expect((await patch(api, 'anouk-de-vries', { telefoonZichtbaar: true })).status).toBe(200);
    expect(log()).toHaveLength(commits);
  });

  it('refuses bad input, someone without a profile and an anonymous request, writing nothing', async () => {
    const { api, file, log } = setUp();
    const commits = log().length;
    await expectRefusals([
      [await patch(api, 'anouk-de-vries', {}), 422, 'ongeldige_invoer'],
      [await patch(api, 'anouk-de-vries', { overMij: 'x'.repeat(1001) }), 422, 'ongeldige_invoer'],
      [await patch(api, 'anouk-de-vries', { overMij: 'stuur\u202eteken' }), 422, 'ongeldige_invoer'],
      [await patch(api, 'anouk-de-vries', { vraagMeOver: Array.from({ length: 11 }, (_, i) => `Onderwerp ${i}`) }), 422, 'ongeldige_invoer'],
      [await patch(api, 'anouk-de-vries', { vraagMeOver: ['een\nregel'] }), 422, 'ongeldige_invoer'],
      [await patch(api, 'anouk-de-vries', { vraagMeOver: ['x'.repeat(61)] }), 422, 'ongeldige_invoer'],
      [await patch(api, 'anouk-de-vries', { telefoonZichtbaar: 'nee' }), 422, 'ongeldige_invoer'],
      // Only one's own fields: the HR ones cannot be sent at all.
      [await patch(api, 'anouk-de-vries', { telefoon: '06 99999999' }), 422, 'ongeldige_invoer'],
      [await patch(api, 'anouk-de-vries', { jobTitle: 'Directeur' }), 422, 'ongeldige_invoer'],
      [await patch(api, 'bas-bakker', { overMij: 'Hallo' }), 404, 'profiel_onbekend'],
      [await api.request('/api/profiel', { as: 'bas-bakker' }), 404, 'profiel_onbekend'],
      [await patch(api, '', { overMij: 'Hallo' }), 401, 'niet_ingelogd'],
      [await api.request('/api/profiel'), 401, 'niet_ingelogd'],
    ]);
    expect(file()).toBe(ANOUK);
    expect(log()).toHaveLength(commits);
  });

  it('counts edits against the per-person limit for changes', async () => {
    const { api, file } = setUp(createRateLimiter({ aanpassing: [{ max: 1, windowMs: 60_000 }] }));
    expect((await patch(api, 'anouk-de-vries', { overMij: 'Eerste' })).status).toBe(200);
    const second = await patch(api, 'anouk-de-vries', { overMij: 'Tweede' });
    expect(second.status).toBe(429);
    expect(file()).toContain('about: Eerste');
  });
});
