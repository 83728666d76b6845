// Commits the server did not make itself — `npm run erase`, `npm run retention`, a maintainer's `git pull` in the
// content repository — reach the site too: the server looks at the repository's head every minute and asks for a
// rebuild when it moved past the build it serves. Once per new head (a failing build is not retried every minute),
// and not while a build runs (that build reads the head as it starts; its end tells what it built).
export interface HeadWatchOptions {
  /** The repository's head now. */
  headOf: () => Promise<string | undefined>;
  /** The commit the served build was made from (undefined: not known yet). */
  built: () => string | undefined;
  busy: () => boolean;
  schedule: () => void;
  periodMs?: number;
}

/** One look at the head; gives whether a rebuild was asked for. */
export function createHeadCheck(options: HeadWatchOptions): () => Promise<boolean> {
  let askedFor: string | undefined;
  return async () => {
    if (options.busy()) return false;
    const head = await options.headOf().catch(() => undefined);
    if (!head || head === options.built() || head === askedFor) return false;
    askedFor = head;
    options.schedule();
    return true;
  };
}

/** Looks every `periodMs` (default a minute); gives the stop function. */
export function watchHead(options: HeadWatchOptions): () => void {
  const check = createHeadCheck(options);
  const timer = setInterval(() => void check(), options.periodMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
