// The commit message of a suggested edit, shared by the local and the GitHub proposal stores: the title,
// the explanation, and the employee as co-author (the intranet itself is the commit's author).
import type { Proposal } from './types.ts';

/** Plein's own identity: author and committer of proposal commits. */
export const PLEIN_BOT = { name: 'Plein', email: 'plein@intranet.invalid' };

/** Builds the commit message of a proposal; the proposer always appears as a `Co-authored-by:` trailer. */
export function describeProposal(proposal: Proposal): string {
  const who = proposal.proposer;
  // A name or address with a line break would forge a trailer or a header line.
  const clean = (s: string) => s.replace(/[\r\n<>]/g, ' ').trim();
  return `${proposal.title.replace(/[\r\n]+/g, ' ').trim()}\n\n${proposal.body.trim()}\n\nCo-authored-by: ${clean(who.name)} <${clean(who.email)}>\n`;
}

/** The branch of a proposal: `voorstel/<ulid>`, or `voorstel/<request hash>` so a retried request finds its branch. */
export function getProposalBranch(proposal: Pick<Proposal, 'requestId'>, fresh: () => string): string {
  const id = proposal.requestId && /^[0-9a-f]{32,}$/.test(proposal.requestId) ? proposal.requestId.slice(0, 32) : fresh();
  return `voorstel/${id}`;
}
