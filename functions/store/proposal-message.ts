// The commit message of a suggested edit, shared by the local and the GitHub proposal stores: the title,
// the explanation, a `Plein-Voorstel:` trailer naming the branch and the page (so the post-build check can tell the
// proposer it was merged), and the employee as co-author (the intranet itself is the commit's author).
import { proposalTrailer } from './trailers.ts';
import type { Proposal } from './types.ts';

/** Plein's own identity: author and committer of proposal commits. */
export const PLEIN_BOT = { name: 'Plein', email: 'plein@intranet.invalid' };

/** Where the local store remembers an open suggested edit (`voorstel/<id>` → refs/plein/voorstel/<id>) until it is decided. */
export const PROPOSAL_TRACKING_REFS = 'refs/plein/';

/** Builds the commit message of proposal `branch`; the proposer always appears as a `Co-authored-by:` trailer. */
export function describeProposal(proposal: Proposal, branch: string): string {
  const who = proposal.proposer;
  // A name or address with a line break would forge a trailer or a header line.
  const clean = (s: string) => s.replace(/[\r\n<>]/g, ' ').trim();
  // Nor may the explanation name another proposal (and so another proposer) for the post-build check to find.
  const body = proposal.body.trim().replace(/^(\s*)Plein-Voorstel:/gim, '$1Plein-Voorstel -');
  return `${proposal.title.replace(/[\r\n]+/g, ' ').trim()}\n\n${body}\n\n${proposalTrailer(branch, proposal.path)}\nCo-authored-by: ${clean(who.name)} <${clean(who.email)}>\n`;
}

/** The branch of a proposal: `voorstel/<ulid>`, or `voorstel/<request hash>` so a retried request finds its branch. */
export function getProposalBranch(proposal: Pick<Proposal, 'requestId'>, fresh: () => string): string {
  const id = proposal.requestId && /^[0-9a-f]{32,}$/.test(proposal.requestId) ? proposal.requestId.slice(0, 32) : fresh();
  return `voorstel/${id}`;
}

/** Whether a proposal commit's message names `email` as its proposer (a `Co-authored-by:` trailer), any capitalisation. */
export function namesProposer(message: string, email: string): boolean {
  const needle = `<${email.toLowerCase()}>`;
  return message.split('\n').some((line) => /^co-authored-by:/i.test(line) && line.toLowerCase().includes(needle));
}
