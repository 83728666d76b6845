// Checks what content points at: internal links, images and files in public/, alt text, colleagues on contact cards.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { collectMarkdownRefs } from './markdown-refs.ts';
import { isSitePath, normalisePath, type SitePaths } from './site-paths.ts';
import type { CheckedEntry, Problem } from './content-check-types.ts';

/** What the link check needs to know about the site. */
export interface LinkContext {
  site: SitePaths;
  /** Normalised paths of entries that exist but are not built now, with the reason (concept, verlopen, …). */
  unpublished: Map<string, string>;
  /** The folder served at the site root (public/). */
  publicDir: string;
  /** Ids of the colleagues, for contact cards. */
  people: ReadonlySet<string>;
}

/** How one entry is checked: its own URL (for relative links) and how serious a problem is. */
export interface LinkSource {
  entry: CheckedEntry;
  /** The entry's page, to resolve relative links against; undefined when it has none. */
  pagePath?: string;
  /** Employees' posts and comments: problems are warnings, so one post cannot stop a build. */
  severity: Problem['severity'];
  /** Whether the body is Markdown to scan. */
  hasBody: boolean;
  /** Line of the body's first line in the file. */
  bodyLine: number;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function isPublicFile(publicDir: string, path: string): boolean {
  try {
    return statSync(join(publicDir, path)).isFile();
  } catch {
    return false;
  }
}

/** The site path a link points at, or undefined for external links, anchors on the same page and mail addresses. */
function toSitePath(target: string, pagePath: string | undefined): string | undefined {
  const t = target.trim();
  if (!t || t.startsWith('#') || t.startsWith('//') || SCHEME.test(t)) return undefined;
  if (!t.startsWith('/') && !pagePath) return undefined;
  try {
    return decodeURIComponent(new URL(t, `http://plein.invalid${pagePath ?? '/'}`).pathname);
  } catch {
    return t;
  }
}

/** Every link, image and file reference of one entry (front matter and body), checked. */
export function checkEntryLinks(source: LinkSource, ctx: LinkContext): Problem[] {
  const { entry: e, severity } = source;
  const problems: Problem[] = [];
  const report = (line: number, kind: Problem['kind'], message: string, field?: string) =>
    problems.push({ file: e.file, line, field, message, severity, kind });

  const checkLink = (target: string, line: number, field?: string) => {
    const path = toSitePath(target, source.pagePath);
    if (path === undefined || isPublicFile(ctx.publicDir, path) || isSitePath(ctx.site, path)) return;
    const reason = ctx.unpublished.get(normalisePath(path));
    if (reason) {
      problems.push({ file: e.file, line, field, message: `link naar ${path}: die pagina staat niet op de site (${reason})`, severity: 'warning', kind: 'link' });
    } else if (path.startsWith('/media/') || /\.[a-z0-9]{2,4}$/i.test(path)) {
      report(line, 'bestand', `bestand ontbreekt: ${path} staat niet in public/`, field);
    } else {
      report(line, 'link', `kapotte link: ${path} bestaat niet op de site`, field);
    }
  };
  const checkImage = (src: string, line: number, field?: string) => {
    const path = toSitePath(src, source.pagePath);
    if (path !== undefined && !isPublicFile(ctx.publicDir, path)) report(line, 'bestand', `afbeelding ontbreekt: ${path} staat niet in public/`, field);
  };

  // Front matter: images ({src, alt}) anywhere, and link fields (href, onlineUrl).
  const walk = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      if (typeof obj.src === 'string' && 'alt' in obj) checkImage(obj.src, e.lineOf([...path, 'src']), [...path, 'src'].join('.'));
      for (const [k, v] of Object.entries(obj)) {
        if ((k === 'href' || k === 'onlineUrl') && typeof v === 'string') checkLink(v, e.lineOf([...path, k]), [...path, k].join('.'));
        else walk(v, [...path, k]);
      }
    }
  };
  walk(e.data, []);

  if (!source.hasBody) return problems;
  for (const ref of collectMarkdownRefs(e.body, source.bodyLine)) {
    if (ref.kind === 'person') {
      if (!ctx.people.has(ref.target)) report(ref.line, 'verwijzing', `contactkaart verwijst naar collega "${ref.target}" die niet bestaat`);
    } else if (ref.kind === 'link') checkLink(ref.target, ref.line);
    else {
      if (!ref.alt?.trim()) {
        const fix = ref.html ? 'geef <img> een alt="…" die beschrijft wat erop staat' : 'schrijf tussen [ ] wat erop staat';
        report(ref.line, 'alt-tekst', `afbeelding zonder alternatieve tekst: ${fix}`);
      }
      checkImage(ref.target, ref.line);
    }
  }
  return problems;
}
