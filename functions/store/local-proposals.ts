// Suggested edits on the local git store: a branch `voorstel/<ulid>` with one commit on top of the
// current head, made with plumbing and a temporary index so the working tree, the real index and the
// checked-out branch are never touched (the running site and its posts go on undisturbed). A ref
// refs/plein/voorstel/<ulid> keeps the commit until the proposal is decided (merged, or its branch deleted).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUlid } from '../lib/ulid.ts';
import { eraseProposalRefs, findProposalRefs } from '../privacy/erase-branches.ts';
import { assertSafePath } from './safe-path.ts';
import { describeProposal, getProposalBranch, PLEIN_BOT, PROPOSAL_TRACKING_REFS } from './proposal-message.ts';
import { runGit } from './run-git.ts';
import { StoreUnavailableError, type ProposalStore } from './types.ts';

/** Settings of local proposals. */
export interface LocalProposalsOptions {
  /** The repository (a working tree or a bare repository). */
  repoDir: string;
  /** Author and committer of proposal commits (default: Plein itself). */
  bot?: { name: string; email: string };
}

/** Creates the local proposal store for the repository at `repoDir`. */
export function createLocalProposals(options: LocalProposalsOptions): ProposalStore {
  const bot = options.bot ?? PLEIN_BOT;
  const git = (args: string[], env?: Record<string, string>, input?: string) => runGit(options.repoDir, args, env, input);
  return {
    async propose(proposal) {
      const path = assertSafePath(proposal.path);
      const branch = getProposalBranch(proposal, createUlid);
      // A retried request (same person and Idempotency-Key) gets the branch it already made.
      const made = proposal.requestId ? await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]).then((o) => o.trim(), () => '') : '';
      if (made) return { branch, commit: made };
      const folder = await mkdtemp(join(tmpdir(), 'plein-voorstel-'));
      const index = { GIT_INDEX_FILE: join(folder, 'index') };
      try {
        const head = (await git(['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
        await git(['read-tree', head], index);
        // Keep the file's mode (an executable bit survives); a new file is a plain one.
        const mode = /^(\d+) blob /.exec(await git(['ls-tree', head, '--', path]))?.[1] ?? '100644';
        const blob = (await git(['hash-object', '-w', '--stdin'], {}, proposal.content)).trim();
        await git(['update-index', '--add', '--cacheinfo', `${mode},${blob},${path}`], index);
        const tree = (await git(['write-tree'], index)).trim();
        const people = { GIT_AUTHOR_NAME: bot.name, GIT_AUTHOR_EMAIL: bot.email, GIT_COMMITTER_NAME: bot.name, GIT_COMMITTER_EMAIL: bot.email };
        const commit = (await git(['commit-tree', tree, '-p', head, '-F', '-'], people, describeProposal({ ...proposal, path }, branch))).trim();
        // One transaction: the branch, and refs/plein/voorstel/<id> that remembers it until the post-build check sees it
        // merged or closed (functions/notifications/published.ts). `create` refuses a branch that already exists.
        await git(['update-ref', '-m', 'plein: wijzigingsvoorstel', '--stdin'], {}, `start\ncreate refs/heads/${branch} ${commit}\ncreate ${PROPOSAL_TRACKING_REFS}${branch} ${commit}\ncommit\n`);
        return { branch, commit };
      } catch (err) {
        const text = String((err as { stderr?: string }).stderr || (err as Error).message);
        if (/ENOSPC|EROFS|EACCES|Read-only|No space|Permission denied|unable to (create|write)|\.lock/i.test(text)) throw new StoreUnavailableError(text.split('\n')[0]);
        throw err;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
    eraseProposer: async (email) => eraseProposalRefs(options.repoDir, await findProposalRefs(options.repoDir, email)),
  };
}
