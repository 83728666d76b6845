import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePeople } from '../../tests/support/posting-api.ts';
import { openTempState } from '../../tests/support/state.ts';
import { remindOverdueReviews } from './review-reminders.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function contentDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'plein-controle-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const page = (title: string, owner: string, reviewedAt: string, extra = '') => `---\ntitle: ${title}\nowner: ${owner}\nreviewedAt: ${reviewedAt}\nreviewIntervalMonths: 6\n${extra}---\nTekst.\n`;

describe('overdue review dates', () => {
  it('tells the owner (or the owning department’s manager) once a week per overdue page, not for fresh or draft pages', async () => {
    const state = await openTempState();
    cleanups.push(() => state.remove());
    const dir = contentDir({
      'weten-en-regelen/hr/verlof.md': page('Verlof aanvragen', 'anouk-de-vries', '2026-01-10'),
      'weten-en-regelen/ict/wachtwoord.mdx': page('Wachtwoord wijzigen', 'ict', '2026-02-01'),
      'weten-en-regelen/ict/printen.md': page('Printen', 'ict', '2026-11-01'),
      'weten-en-regelen/hr/concept.md': page('Concept', 'anouk-de-vries', '2025-01-01', 'draft: true\n'),
      'afdelingen/ict.yml': 'name: ICT\nmanager: bas-bakker\n',
    });
    const now = Date.UTC(2026, 11, 7, 8);
    const run = (at: number) => remindOverdueReviews({ contentDir: dir, people: makePeople(), notifications: state.notifications, now: at });
    expect(await run(now)).toBe(2);
    const anouk = await state.notifications.inbox('anouk-de-vries');
    expect(anouk.map((n) => [n.kind, n.url, n.text])).toEqual([
      ['controle-verlopen', '/weten-en-regelen/hr/verlof/', '‘Verlof aanvragen’ had op 2026-07-10 opnieuw gecontroleerd moeten worden (gecontroleerd op 2026-01-10, elke 6 maanden).'],
    ]);
    expect((await state.notifications.inbox('bas-bakker')).map((n) => n.target.id)).toEqual(['ict/wachtwoord']);
    // Later the same week: nothing new; the next week: reminded again.
    await run(now + 2 * 86_400_000);
    expect(await state.notifications.inbox('anouk-de-vries')).toHaveLength(1);
    await run(now + 7 * 86_400_000);
    expect(await state.notifications.inbox('anouk-de-vries')).toHaveLength(2);
  });
});
