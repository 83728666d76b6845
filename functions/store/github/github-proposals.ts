// Suggested edits on GitHub: one commit on top of the branch head (tree with base_tree → commit), a new
// branch `voorstel/<ulid>` pointing at it, and a pull request with the employee's explanation for the page's
// owners; and which of them were closed unmerged (for the post-build check that tells the proposer). Share the
// store's client (createGithubClient) so both stay inside one write-rate budget.
import { createUlid } from '../../lib/ulid.ts';
import { assertSafePath } from '../safe-path.ts';
import { describeProposal, getProposalBranch, namesProposer, PLEIN_BOT } from '../proposal-message.ts';
import { StoreUnavailableError, type ProposalStore } from '../types.ts';
import { redactSecrets, type GithubClient, type GithubConfig } from './github-config.ts';
import { createGithubReader, statusOf } from './github-reads.ts';

/** How many pages of closed pull requests one check reads at most (the post-build check runs after every build). */
const CLOSED_PAGES = 10;

/** What a pull request of an erased colleague's proposal says instead of their text. */
export const ERASED_PROPOSAL_BODY = 'Dit voorstel is van een oud-collega en is gesloten; de toelichting is verwijderd (AVG art. 17).';

/** Settings of GitHub proposals. */
export interface GithubProposalsOptions {
  config: GithubConfig;
  /** The client the GitHub store uses too. */
  client: GithubClient;
  /** Author and committer of proposal commits (default: Plein itself). */
  bot?: { name: string; email: string };
  /** Receives warnings, e.g. a team that could not be asked to review. */
  warn?: (message: string) => void;
  /** Closed pull requests per page when looking for closings (default 50; tests use fewer). */
  closedPageSize?: number;
}

/** Creates the GitHub proposal store. */
export function createGithubProposals(options: GithubProposalsOptions): ProposalStore {
  const { config, client } = options;
  const repo = { owner: config.owner, repo: config.repo };
  const reader = createGithubReader(client, config, 0);
  const bot = options.bot ?? PLEIN_BOT;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const pageSize = options.closedPageSize ?? 50;

  function explain(err: unknown): Error {
    if (err instanceof StoreUnavailableError) return err;
    const status = statusOf(err);
    const detail = redactSecrets(String((err as Error)?.message ?? err).split('\n')[0], config);
    if (status === 429 || (status ?? 0) >= 500) return new StoreUnavailableError(`GitHub is tijdelijk niet beschikbaar (${status}); probeer het later opnieuw.`);
    return new StoreUnavailableError(`Wijzigingsvoorstel op GitHub mislukt${status ? ` (${status})` : ''}: ${detail}`);
  }

  /** Creates the branch; a retried request whose first answer was lost finds it already pointing at `sha`. */
  async function createBranch(branch: string, sha: string) {
    try {
      await client.request('POST /repos/{owner}/{repo}/git/refs', { ...repo, ref: `refs/heads/${branch}`, sha });
    } catch (err) {
      if (statusOf(err) !== 422) throw err;
      const existing = await client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...repo, ref: `heads/${branch}` }).catch(() => undefined);
      if (existing?.data.object.sha !== sha) throw err;
    }
  }

  /** Opens the pull request, or finds the one a lost first answer already opened. */
  async function openPull(branch: string, title: string, body: string) {
    try {
      return (await client.request('POST /repos/{owner}/{repo}/pulls', { ...repo, title, body, head: branch, base: config.branch, maintainer_can_modify: true })).data;
    } catch (err) {
      if (statusOf(err) !== 422) throw err;
      const open = await client.request('GET /repos/{owner}/{repo}/pulls', { ...repo, head: `${config.owner}:${branch}`, state: 'open' });
      if (!open.data[0]) throw err;
      return open.data[0];
    }
  }

  return {
    // The closed pull requests updated last, a page (50) at a time until one reaches back to `since` (at most
    // CLOSED_PAGES pages a check), and one request per proposal closed since: its head commit names the branch and the
    // proposer.
    async closedSince(since) {
      try {
        const pulls = [];
        for (let page = 1; page <= CLOSED_PAGES; page++) {
          const data = (await client.request('GET /repos/{owner}/{repo}/pulls', { ...repo, state: 'closed', sort: 'updated', direction: 'desc', per_page: pageSize, page })).data;
          pulls.push(...data);
          if (data.length < pageSize || Date.parse(data[data.length - 1].updated_at) <= since) break;
        }
        const closed = pulls.filter((p) => p.head.ref.startsWith('voorstel/') && !p.merged_at && p.closed_at && Date.parse(p.closed_at) > since);
        const out = [];
        for (const pull of closed) {
          const commit = await client.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repo, commit_sha: pull.head.sha });
          out.push({ message: commit.data.message });
        }
        return out;
      } catch (err) {
        throw explain(err);
      }
    },

    // Erasure (issue 19): every `voorstel/*` branch whose commit names them as proposer goes; its pull requests are
    // closed and their text (which quotes the proposer and names them) replaced. GitHub keeps a closed pull request and
    // its refs/pull/* head: only GitHub Support can purge those (docs/privacy.md).
    async eraseProposer(email) {
      try {
        const refs = (await client.request('GET /repos/{owner}/{repo}/git/matching-refs/{ref}', { ...repo, ref: 'heads/voorstel/' })).data;
        let erased = 0;
        for (const ref of refs) {
          const commit = await client.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repo, commit_sha: ref.object.sha });
          if (!namesProposer(commit.data.message, email)) continue;
          const branch = ref.ref.replace(/^refs\/heads\//, '');
          const pulls = (await client.request('GET /repos/{owner}/{repo}/pulls', { ...repo, head: `${config.owner}:${branch}`, state: 'all', per_page: 100 })).data;
          for (const pull of pulls) {
            await client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: pull.number, state: 'closed', body: ERASED_PROPOSAL_BODY });
          }
          await client.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { ...repo, ref: `heads/${branch}` });
          erased++;
        }
        return erased;
      } catch (err) {
        throw explain(err);
      }
    },

    async propose(proposal) {
      const path = assertSafePath(proposal.path);
      const branch = getProposalBranch(proposal, createUlid);
      try {
        // A retried request (same person and Idempotency-Key) finds the branch it made, and its pull request.
        const made = proposal.requestId ? await client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...repo, ref: `heads/${branch}` }).catch(() => undefined) : undefined;
        if (made) {
          const pull = await openPull(branch, proposal.title, proposal.body);
          return { branch, commit: made.data.object.sha, url: pull.html_url, number: pull.number };
        }
        const parent = await reader.getHead(true);
        const baseTree = await reader.getTree(parent);
        const tree = await client.request('POST /repos/{owner}/{repo}/git/trees', { ...repo, base_tree: baseTree, tree: [{ path, mode: '100644', type: 'blob', content: proposal.content }] });
        const date = new Date().toISOString();
        const commit = await client.request('POST /repos/{owner}/{repo}/git/commits', {
          ...repo,
          message: describeProposal({ ...proposal, path }, branch),
          tree: tree.data.sha,
          parents: [parent],
          author: { ...bot, date },
          committer: { ...bot, date },
        });
        // The branch is made at the finished commit: a failure before this leaves no empty branch behind.
        await createBranch(branch, commit.data.sha);
        const pull = await openPull(branch, proposal.title, proposal.body);
        // Only teams of the repository's own organisation can be asked; a missing team must not fail the proposal.
        const teams = (proposal.reviewers?.teams ?? []).map((t) => /^@([\w.-]+)\/([\w.-]+)$/.exec(t)).filter((m) => m && m[1].toLowerCase() === config.owner.toLowerCase()).map((m) => m![2]);
        if (teams.length) {
          await client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { ...repo, pull_number: pull.number, team_reviewers: teams }).catch((err) => {
            warn(`Reviewers (${teams.join(', ')}) konden niet worden gevraagd voor voorstel #${pull.number}: ${redactSecrets(String((err as Error).message).split('\n')[0], config)}`);
          });
        }
        return { branch, commit: commit.data.sha, url: pull.html_url, number: pull.number };
      } catch (err) {
        throw explain(err);
      }
    },
  };
}
