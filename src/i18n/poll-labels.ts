// The UI strings the poll client reads from the page's live labels (LiveUpdates.astro): one list, so the page
// hands over exactly what src/lib/poll-client.ts asks for.
import type { UiKey } from './index.ts';

/** Keys of the poll strings shown by the browser. */
export const POLL_LABELS = [
  'poll.title', 'poll.chooseOne', 'poll.chooseMany', 'poll.vote', 'poll.change', 'poll.withdraw', 'poll.voters', 'poll.voter', 'poll.noVoters',
  'poll.closes', 'poll.closed', 'poll.afterClose', 'poll.afterVote', 'poll.votes', 'poll.vote1', 'poll.yourVote', 'poll.voted', 'poll.withdrawn', 'poll.pick',
] as const satisfies readonly UiKey[];
