// The state-store contract on Cloudflare D1, in workerd through miniflare (one runtime for this file, a fresh
// D1 database per test): no interactive transactions, at most 100 bound parameters, batch() for atomicity.
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll } from 'vitest';
import { describeStateContract } from './contract.ts';
import { openStateStore } from './open.ts';
import type { D1Like } from './types.ts';

const DATABASES = Array.from({ length: 30 }, (_, i) => `DB${i}`);
let mf: Miniflare;
let next = 0;

beforeAll(async () => {
  mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response(); } }', d1Databases: DATABASES });
  await mf.ready;
});
afterAll(async () => {
  await mf?.dispose();
});

describeStateContract(
  'd1',
  () => ({
    engine: 'd1',
    async freshDatabase() {
      const d1 = (await mf.getD1Database(DATABASES[next++])) as unknown as D1Like;
      return { open: (options) => openStateStore({ d1 }, options) };
    },
  }),
  { leases: true },
);
