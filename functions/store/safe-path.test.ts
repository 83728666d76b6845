import { posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSafePath } from './safe-path.ts';

/** The check as it was with node:path (before it moved here, so that Workers can use it). */
function withNodePath(path: string): string | Error {
  const clean = posix.normalize(path);
  if (!clean || clean.startsWith('/') || clean.startsWith('../') || clean === '..' || /(^|\/)\.git(\/|$)/.test(clean) || clean.includes('\0')) return new Error('refused');
  return clean;
}

function attempt(path: string): string | Error {
  try {
    return assertSafePath(path);
  } catch (err) {
    return err as Error;
  }
}

describe('assertSafePath without node:path', () => {
  it('refuses absolute paths, climbing out and .git, and names the path', () => {
    for (const bad of ['/etc/passwd', '../x', 'a/../../x', '..', 'content/.git/config', '.git', 'a/./.git/HEAD', 'a\0b', '']) {
      expect(() => assertSafePath(bad), bad).toThrow(/onveilig pad geweigerd/);
    }
    expect(assertSafePath('content//tijdlijn/./2026/../2026/x.md')).toBe('content/tijdlijn/2026/x.md');
  });

  it('agrees with the node:path version on every path of dots, slashes and names (and is stricter only for "." and a trailing slash)', () => {
    const segment = fc.constantFrom('a', 'b', '.', '..', '.git', '.gitignore', '', 'x\0', 'a\\..');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.boolean(), (parts, lead) => {
        const path = (lead ? '/' : '') + parts.join('/');
        const before = withNodePath(path);
        const now = attempt(path);
        if (before instanceof Error) expect(now).toBeInstanceOf(Error);
        else if (before === '.' || before.endsWith('/')) {
          // A directory, never a file to write: refused now, or the same path without its slash.
          if (!(now instanceof Error)) expect(now).toBe(before.replace(/\/$/, ''));
        } else expect(now).toBe(before);
      }),
      { numRuns: 3000 },
    );
  });
});
