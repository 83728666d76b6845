// Test support: a state store on SQLite in a temp folder, for tests that build a content store with an outbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStateStore } from '../../functions/state/open.ts';
import type { StateStore } from '../../functions/state/store.ts';

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
