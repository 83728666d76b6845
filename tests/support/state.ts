// Test support: a state store on SQLite in a temp folder, for tests that build a content store with an outbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStateStore } from '../../functions/state/open.ts';
import type { StateStore } from '../../functions/state/store.ts';
import { makeTestApi } from './posting-api.ts';
import { makeTempRepo } from './temp-repo.ts';

/** A migrated SQLite state store in a fresh temp folder (or in `dir`, to share one file); `remove()` closes it and deletes the folder. */
export async function openTempState(dir = mkdtempSync(join(tmpdir(), 'plein-state-'))): Promise<StateStore & { dir: string; file: string; remove(): Promise<void> }> {
  const file = join(dir, 'plein.db');
  const state = await openStateStore({ PLEIN_STATE_DIR: dir });
  return {
    ...state,
    dir,
    file,
    async remove() {
      await state.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Route tests over a temp state store and a repository holding the Koffietijd group: `setUp()` gives both (the API
 * built with `parts` and the store); call `cleanUp()` in afterAll.
 */
export function stateApiFixture(repoPrefix: string, parts: NonNullable<Parameters<typeof makeTestApi>[0]> = {}) {
  const stores: { remove(): Promise<void> }[] = [];
  return {
    async setUp() {
      const state = await openTempState();
      stores.push(state);
      const repo = makeTempRepo({ 'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\nmoderators: [mod-koffie]\n---\n' }, repoPrefix);
      return { state, api: makeTestApi({ state, ...parts }, repo) };
    },
    cleanUp: () => Promise.all(stores.splice(0).map((s) => s.remove())),
  };
}
