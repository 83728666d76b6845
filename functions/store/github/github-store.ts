// The GitHub store. Two ways to make a write durable:
// - with `journalPath` (the Node server): a write is acknowledged once it is in a journal on local disk;
//   a background flusher commits the journal in batches, paced below GitHub's limits, and reads see
//   pending writes at once (read-your-writes);
// - without (serverless hosts, where no process outlives a request): a write resolves only once the
//   branch points at a commit holding it; writes arriving within the batch window share that commit.
// The store itself is github-store-base.ts; this module adds the disk journal (node:fs) to it.
import { readGithubConfig, type GithubEnv } from './github-config.ts';
import { createJournaledWriter } from './github-journaled.ts';
import { createGithubStoreBase, type GithubStoreOptions } from './github-store-base.ts';

export type { GithubStore, GithubStoreOptions } from './github-store-base.ts';

/** Creates the GitHub store (with the disk journal when `journalPath` is given). */
export function createGithubStore(options: GithubStoreOptions) {
  return createGithubStoreBase(options, createJournaledWriter);
}

/** The GitHub store configured from the environment (PLEIN_GITHUB_*). */
export function createGithubStoreFromEnv(env: GithubEnv, extra: Omit<GithubStoreOptions, 'config'> = {}) {
  return createGithubStore({ ...extra, config: readGithubConfig(env) });
}
