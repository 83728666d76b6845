import { afterAll, describe, expect, it } from 'vitest';
import { stateApiFixture } from '../../tests/support/state.ts';

const clock = { now: new Date('2026-12-07T08:00:00Z') };
const fixture = stateApiFixture('plein-vraag-routes-', { now: () => clock.now });
afterAll(fixture.cleanUp);
const PATH = '/api/beheer/vraag-van-de-week';
const question = { tekst: 'Wat was jouw mooiste moment deze week?', weekdag: 5, tijd: '15:30', aan: true };

describe('the vraag van de week API (/api/beheer/vraag-van-de-week)', () => {
  it('is for editors only: 401 without login, 403 for a colleague, and a colleague writes nothing', async () => {
    const { api, state } = await fixture.setUp();
    expect((await api.request(PATH)).status).toBe(401);
    expect((await api.request(PATH, { as: 'anouk-de-vries' })).status).toBe(403);
    const refused = await api.request(PATH, { method: 'POST', as: 'anouk-de-vries', json: { tekst: '' } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'niet_toegestaan' } });
    expect(await state.nudges.list()).toEqual([]);
  });

  it('schedules, lists with the next time, changes (the saving editor becomes the author), switches off and removes', async () => {
    const { api, state } = await fixture.setUp();
    const created = await api.request(PATH, { method: 'POST', as: 'eva-editor', json: question });
    expect(created.status).toBe(201);
    const { vraag } = (await created.json()) as { vraag: Record<string, unknown> & { id: string } };
    // Friday 11 December 15:30 in Amsterdam.
    expect(vraag).toMatchObject({ tekst: question.tekst, weekdag: 5, tijd: '15:30', aan: true, auteur: { id: 'eva-editor', naam: 'Eva Redacteur' }, volgende: '2026-12-11T14:30:00.000Z' });
    const listed = await api.request(PATH, { as: 'eva-editor' });
    expect(listed.headers.get('cache-control')).toBe('private, no-store');
    expect(((await listed.json()) as { vragen: { id: string }[] }).vragen.map((v) => v.id)).toEqual([vraag.id]);

    const off = await api.request(`${PATH}/${vraag.id}`, { method: 'PUT', as: 'eva-editor', json: { ...question, aan: false, weekdag: 1 } });
    expect(await off.json()).toMatchObject({ vraag: { aan: false, weekdag: 1, volgende: null } });
    expect((await state.nudges.get(vraag.id))?.enabled).toBe(false);

    expect((await api.request(`${PATH}/${vraag.id}`, { method: 'DELETE', as: 'eva-editor' })).status).toBe(204);
    expect((await api.request(`${PATH}/${vraag.id}`, { method: 'DELETE', as: 'eva-editor' })).status).toBe(404);
    expect((await api.request(`${PATH}/niet-een-id`, { method: 'PUT', as: 'eva-editor', json: question })).status).toBe(404);
  });

  it('refuses a bad weekday, time, empty text or unknown field with 422 and stores nothing', async () => {
    const { api, state } = await fixture.setUp();
    for (const [body, message] of [
      [{ ...question, weekdag: 8 }, /weekdag: moet 1 \(maandag\) tot en met 7/],
      [{ ...question, tijd: '25:00' }, /tijd: moet een tijd als 09:30 zijn/],
      [{ ...question, tekst: '   ' }, /tekst: de tekst is leeg/],
      [{ ...question, auteur: 'anouk-de-vries' }, /onbekend veld: auteur/],
    ] as const) {
      const res = await api.request(PATH, { method: 'POST', as: 'eva-editor', json: body });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'ongeldige_invoer', message: expect.stringMatching(message) });
    }
    expect(await state.nudges.list()).toEqual([]);
  });
});
