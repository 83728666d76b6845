// The state-store half of an erasure on the server (issue 19), as /api/beheer/wissen gets it (ContentDeps): a
// colleague's own rows (erasePersonState), and every row about the posts and comments the content change deleted —
// others' waarderingen, votes, follows, reports and the notifications quoting them (the retention's removedItemRules).
// Both first wait until the content store has committed what waits (until then the outbox may still name them).
import type { ContentDeps } from '../content/types.ts';
import { pruneState, removedItemRules } from '../retention/state.ts';
import type { StateStore } from '../state/store.ts';
import { erasePersonState } from './state-data.ts';

export function stateErasure(state: StateStore, store?: { flush?: () => Promise<unknown> }): Required<Pick<ContentDeps, 'erasePersonState' | 'eraseItemState'>> {
  const flush = async () => void (await store?.flush?.());
  return {
    erasePersonState: async (person, known) => (await flush(), erasePersonState(state, person, known)),
    eraseItemState: async (removed) => (await flush(), Object.values(await pruneState(state.db, removedItemRules(removed), false)).reduce((a, b) => a + b, 0)),
  };
}
