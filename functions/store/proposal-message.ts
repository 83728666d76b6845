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

/** A fresh branch name for a proposal: `voorstel/<ulid>`. */
export function getProposalBranch(id: string): string {
  return `voorstel/${id}`;
}
