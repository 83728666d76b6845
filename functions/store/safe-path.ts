// Which paths a store may write: pure string checks, so stores on any runtime (Node, Cloudflare Workers) share them.

/** Normalises a path as path.posix.normalize does (`.` and `..` segments, repeated slashes), without node:path. */
function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** Refuses any path that is absolute, climbs out, or reaches into .git; returns it normalised with forward slashes. */
export function assertSafePath(path: string): string {
  const clean = normalizePath(path);
  if (!clean || clean.startsWith('/') || clean.startsWith('../') || clean === '..' || /(^|\/)\.git(\/|$)/.test(clean) || clean.includes('\0')) {
    throw new Error(`onveilig pad geweigerd: ${JSON.stringify(path)}`);
  }
  return clean;
}
