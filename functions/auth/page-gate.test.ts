// The editors-only gate in front of /beheer: group moderators reach the moderation queue's shell (issue 19), and
// nothing else under /beheer — not the moderation log, however the path is spelled.
import { describe, expect, it } from 'vitest';
import { createPageGate } from './page-gate.ts';
import type { IdentityService } from './identity-service.ts';

const colleague = { mode: 'proxy', authenticate: async () => ({ personId: 'mod-koffie', name: 'Mo', email: 'mo@wadvoort.nl', editor: false }) } as unknown as IdentityService;
const editor = { mode: 'proxy', authenticate: async () => ({ personId: 'eva', name: 'Eva', email: 'eva@wadvoort.nl', editor: true }) } as unknown as IdentityService;
const status = async (service: IdentityService, path: string) => (await createPageGate(service)(new Request(`https://intranet.wadvoort.nl${path}`)))?.status ?? 200;

describe('page gate under /beheer', () => {
  it('lets a colleague open the moderation queue only, and an editor everything', async () => {
    for (const path of ['/beheer/moderatie/', '/beheer/moderatie', '/beheer/moderatie/index.html', '/nieuws/']) expect([path, await status(colleague, path)]).toEqual([path, 200]);
    for (const path of ['/beheer/', '/beheer/moderatie/logboek/', '/beheer/moderatie/logboek/index.html', '/beheer/moderatie/../gebruik/', '/%62eheer/moderatie/logboek/', '/beheer/moderatie/x']) {
      expect([path, await status(colleague, path)]).toEqual([path, 403]);
    }
    for (const path of ['/beheer/', '/beheer/moderatie/logboek/']) expect(await status(editor, path)).toBe(200);
  });
});
