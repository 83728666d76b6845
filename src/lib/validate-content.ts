// Validates a content folder against the schemas and cross-references, with file:line messages.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import type { z } from 'astro/zod';
import { ID_PATTERN } from '../schemas/common.ts';
import { CONTENT_TYPES, getEntryId, type CollectionName } from '../schemas/index.ts';
import { PROBLEM_TITLES, type CheckedEntry, type Problem, type ValidationResult } from './content-check-types.ts';
import { checkReferences } from './content-references.ts';
import { checkSite } from './check-site.ts';
import { getBuildTime } from './dates.ts';
import { parseFrontMatter, parseYamlFile } from './front-matter.ts';

export { PROBLEM_TITLES, type CheckedEntry, type Problem, type ValidationResult };

/**
 * The files below `dir`, relative, sorted. The directory listing says which entries are files; only a link (or an
 * entry of another or unknown type) is looked up with stat, which follows it: a stat of each of 10,000 files took
 * 0.15 s.
 */
function listFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() && !statSync(path).isFile()) continue;
    files.push(relative(dir, path).split(sep).join('/'));
  }
  return files.sort();
}

function matchesType(name: CollectionName, rel: string): boolean {
  const base = rel.split('/').pop()!;
  if (name === 'secties') return base === 'sectie.yml';
  if (name === 'instellingen') return rel === 'site.yml';
  const { kind, pattern } = CONTENT_TYPES[name];
  if (kind === 'data') return /\.ya?ml$/.test(base) && base !== 'sectie.yml';
  return pattern.includes('mdx') ? /\.mdx?$/.test(base) : /\.md$/.test(base);
}

// A key the YAML core schema reads as a string (not true, null, a number), written plainly at the start of a line.
const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;
const NOT_STRING_KEY = /^(true|false|null|yes|no|on|off|y|n)$/i;
const DOCUMENT_END = /^(---|\.\.\.)(\s|$)/;

/**
 * The 1-based line of a top-level key in a block mapping, found by reading lines instead of parsing: a build warns
 * about hundreds of files (review dates), and a full YAML parse of each cost half a second. Undefined whenever the
 * answer is not certain (the document does not start with a plain key, the key is quoted, absent or written twice),
 * and the caller parses. A line at column 0 in a block mapping at column 0 is a key: values and block scalars below
 * a key are indented. The document ends at `---` or `...` (the front matter's closing fence).
 */
function topLevelKeyLine(source: string, key: string): number | undefined {
  if (!PLAIN_KEY.test(key) || NOT_STRING_KEY.test(key)) return undefined;
  const lines = source.split('\n');
  let started = false;
  let found: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (DOCUMENT_END.test(text)) {
      if (!started) return undefined;
      break;
    }
    if (!started) {
      if (/^\s*(#|$)/.test(text)) continue;
      if (!/^[A-Za-z0-9_]/.test(text)) return undefined;
      started = true;
    }
    if (text.startsWith(key) && /^[ \t]*:([ \t]|$)/.test(text.slice(key.length))) {
      if (found !== undefined) return undefined;
      found = i + 1;
    }
  }
  return found;
}

/** A lookup of the 1-based line of a field path in a YAML document (the first line when absent); parses once. */
export function lineFinder(source: string, offsetLine: number): (path: PropertyKey[]) => number {
  let parsed: { doc: ReturnType<typeof parseDocument>; counter: LineCounter } | undefined;
  return (path) => {
    if (path.length === 1 && typeof path[0] === 'string') {
      const line = topLevelKeyLine(source, path[0]);
      if (line !== undefined) return line + offsetLine;
    }
    if (!parsed) {
      const counter = new LineCounter();
      parsed = { doc: parseDocument(source, { lineCounter: counter, keepSourceTokens: false }), counter };
    }
    const { doc, counter } = parsed;
    let node: unknown = doc.contents;
    let line = 1;
    let found = false;
    for (const key of path) {
      found = false;
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
        if (!pair) break;
        const range = (pair.key as YamlNode).range;
        if (range) line = counter.linePos(range[0]).line;
        node = pair.value;
        found = true;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as YamlNode | undefined;
        if (!item) break;
        if (item.range) line = counter.linePos(item.range[0]).line;
        node = item;
        found = true;
      } else break;
    }
    return found ? line + offsetLine : 1;
  };
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) return 'is verplicht maar ontbreekt';
  if (issue.code === 'unrecognized_keys') return `onbekend veld: ${issue.keys.join(', ')}`;
  return issue.message;
}

/** Where the site's routes and static files are, and the moment publication rules are applied at. */
export interface ValidateOptions {
  /** The route files (src/pages); default src/pages below the working directory. */
  pagesDir?: string;
  /** The files served as they are (public/); default public below the working directory. */
  publicDir?: string;
  /** "Now" for scheduled and expired news and review dates; default the build time (PLEIN_BUILD_TIME). */
  now?: Date;
}

/** Validates every file of every content type below `root`, then references, URLs, links, images and review dates. */
export function validateContent(root: string, options: ValidateOptions = {}): ValidationResult {
  const { problems, entries } = readContentEntries(root);
  problems.push(...checkReferences(entries));
  problems.push(...checkSite(entries, {
    pagesDir: options.pagesDir ?? 'src/pages',
    publicDir: options.publicDir ?? 'public',
    now: options.now ?? getBuildTime(),
  }));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { problems, entries };
}

/**
 * Reads and schema-checks the files of `types` (default all) below `root`, without the whole-site checks: for callers
 * that only need some entries (the CMS configuration) in a build whose content check has already run them once.
 */
export function readContentEntries(root: string, types: readonly CollectionName[] = Object.keys(CONTENT_TYPES) as CollectionName[]): ValidationResult {
  const problems: Problem[] = [];
  const entries = Object.fromEntries(
    Object.keys(CONTENT_TYPES).map((k) => [k, new Map<string, CheckedEntry>()]),
  ) as ValidationResult['entries'];

  // Knowledge pages and their sections share a folder: list it once.
  const listed = new Map<string, string[]>();
  for (const name of types) {
    const type = CONTENT_TYPES[name];
    const dir = join(root, type.folder);
    if (!listed.has(dir)) listed.set(dir, listFiles(dir));
    for (const rel of listed.get(dir)!.filter((r) => matchesType(name, r))) {
      const file = relative(process.cwd(), join(dir, rel)) || join(dir, rel);
      const source = readFileSync(join(dir, rel), 'utf8');
      let data: unknown;
      let body = '';
      let bodyLine = 1;
      let yamlSource = source;
      let offset = 0;
      try {
        if (type.kind === 'markdown') {
          const parsed = parseFrontMatter(source);
          data = parsed.data;
          body = parsed.body;
          bodyLine = parsed.bodyLine;
          yamlSource = source.slice(source.indexOf('\n') + 1);
          offset = 1;
        } else {
          yamlSource = source;
          data = parseYamlFile(source);
        }
      } catch (err) {
        problems.push({ file, line: 1, message: `ongeldige YAML: ${(err as Error).message.split('\n')[0]}`, severity: 'error', kind: 'schema' });
        continue;
      }
      const lineOf = lineFinder(yamlSource, offset);
      const result = type.schema.safeParse(data);
      if (!result.success) {
        for (const issue of result.error.issues) {
          const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
          const field = issue.code === 'unrecognized_keys' ? issue.path.map(String).join('.') : path.map(String).join('.');
          problems.push({ file, line: lineOf(path), field: field || undefined, message: describeIssue(issue, data), severity: 'error', kind: 'schema' });
        }
        continue;
      }
      const id = getEntryId(name, rel);
      if (name !== 'instellingen' && id !== '.' && !ID_PATTERN.test(id)) {
        problems.push({ file, line: 1, message: `de bestandsnaam geeft de id "${id}": gebruik alleen kleine letters, cijfers en streepjes`, severity: 'error', kind: 'dubbel' });
        continue;
      }
      if (entries[name].has(id)) {
        problems.push({ file, line: 1, message: `dubbele id "${id}" in ${name}: ${entries[name].get(id)!.file} heeft dezelfde id`, severity: 'error', kind: 'dubbel' });
        continue;
      }
      entries[name].set(id, { id, file, data: result.data as Record<string, unknown>, body, bodyLine, lineOf });
    }
  }
  return { problems, entries };
}

/** Formats a problem as `file:line: field: message`, the form editors and CI annotations read. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity === 'warning' ? 'waarschuwing: ' : ''}${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** Escapes a value for a GitHub Actions workflow command (properties also escape `:` and `,`). */
function escapeCommand(value: string, property: boolean): string {
  const data = value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return property ? data.replace(/:/g, '%3A').replace(/,/g, '%2C') : data;
}

/** Formats a problem as a GitHub Actions annotation (`::error file=…,line=…,title=…::message`), shown on the pull request. */
export function formatAnnotation(p: Problem): string {
  const props = `file=${escapeCommand(p.file, true)},line=${p.line},title=${escapeCommand(PROBLEM_TITLES[p.kind], true)}`;
  return `::${p.severity} ${props}::${escapeCommand(`${p.field ? `${p.field}: ` : ''}${p.message}`, false)}`;
}
