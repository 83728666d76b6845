// What the state-store contract tests (contract.ts and its per-feature parts contract-*.ts) are handed: kept apart so
// the parts need not import contract.ts, which imports them.
import type { OpenOptions } from './open-d1.ts';
import type { StateStore } from './store.ts';
import type { Engine } from './types.ts';

/** A fresh, empty database of one engine; `open` gives one more store instance on it (a "server"). */
export interface FreshDatabase {
  open(options?: OpenOptions): Promise<StateStore>;
}

/** How the contract reaches an engine under test. */
export interface EngineUnderTest {
  engine: Engine;
  freshDatabase(): Promise<FreshDatabase>;
}
