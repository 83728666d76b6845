// Erasure (issue 19): the suggested-edit branches a colleague proposed on the local git store. Each proposal commit
// names its proposer in a `Co-authored-by:` trailer (functions/store/proposal-message.ts); the branch `voorstel/<id>`
// and the ref refs/plein/voorstel/<id> that tracks it go together, so the post-build check does not report the
// proposal as closed to someone who is gone.
import { namesProposer, PROPOSAL_TRACKING_REFS } from '../store/proposal-message.ts';
import { runGit } from '../store/run-git.ts';

/** The proposal refs (branch and tracking ref) whose commit names `email` as co-author. */
export async function findProposalRefs(repoDir: string, email: string): Promise<string[]> {
  const out = await runGit(repoDir, ['for-each-ref', '--format=%(refname)%00%(contents)%01', 'refs/heads/voorstel/', `${PROPOSAL_TRACKING_REFS}voorstel/`]);
  return out
    .split('\u0001')
    .map((chunk) => chunk.replace(/^\n/, ''))
    .filter(Boolean)
    .flatMap((chunk) => {
      const [ref, message = ''] = chunk.split('\0');
      return namesProposer(message, email) ? [ref] : [];
    });
}

/** Deletes those refs in one transaction; returns how many proposals (branches or tracked ones) went. */
export async function eraseProposalRefs(repoDir: string, refs: string[]): Promise<number> {
  if (!refs.length) return 0;
  await runGit(repoDir, ['update-ref', '--stdin'], {}, `start\n${refs.map((r) => `delete ${r}`).join('\n')}\ncommit\n`);
  return new Set(refs.map((r) => r.replace(/^refs\/(heads|plein)\//, ''))).size;
}
