// Validates a content folder against the schemas and cross-references, with file:line messages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import type { z } from 'astro/zod';
import { CONTENT_TYPES, getEntryId, type CollectionName } from '../schemas/index.ts';
import { parseFrontMatter, parseYamlFile } from './front-matter.ts';

/** A Markdown image without alt text, `![](…)`; editors' pages must describe every image. */
const IMAGE_WITHOUT_ALT = /!\[\s*\]\(/;

/** One thing wrong (or worth a warning) in one file. */
export interface Problem {
  file: string;
  line: number;
  field?: string;
  message: string;
  severity: 'error' | 'warning';
}

/** A valid entry as the validator saw it. */
export interface CheckedEntry {
  id: string;
  file: string;
  data: Record<string, unknown>;
  body: string;
  /** The line of a field in the file, for messages about this entry. */
  lineOf: (path: PropertyKey[]) => number;
}

/** The outcome of a validation run. */
export interface ValidationResult {
  problems: Problem[];
  entries: { [K in CollectionName]: Map<string, CheckedEntry> };
}

function listFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return names.map((n) => n.replace(/\\/g, '/')).filter((n) => statSync(join(dir, n)).isFile()).sort();
}

function matchesType(name: CollectionName, rel: string): boolean {
  const base = rel.split('/').pop()!;
  if (name === 'secties') return base === 'sectie.yml';
  if (name === 'instellingen') return rel === 'site.yml';
  const { kind, pattern } = CONTENT_TYPES[name];
  if (kind === 'data') return /\.ya?ml$/.test(base) && base !== 'sectie.yml';
  return pattern.includes('mdx') ? /\.mdx?$/.test(base) : /\.md$/.test(base);
}

/** Finds the 1-based line of a field path in a YAML document, falling back to the first line. */
function lineOf(source: string, path: PropertyKey[], offsetLine: number): number {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, keepSourceTokens: false });
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

/** Validates every file of every content type below `root` and checks references between them. */
export function validateContent(root: string): ValidationResult {
  const problems: Problem[] = [];
  const entries = Object.fromEntries(
    Object.keys(CONTENT_TYPES).map((k) => [k, new Map<string, CheckedEntry>()]),
  ) as ValidationResult['entries'];

  for (const name of Object.keys(CONTENT_TYPES) as CollectionName[]) {
    const type = CONTENT_TYPES[name];
    const dir = join(root, type.folder);
    for (const rel of listFiles(dir).filter((r) => matchesType(name, r))) {
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
        problems.push({ file, line: 1, message: `ongeldige YAML: ${(err as Error).message.split('\n')[0]}`, severity: 'error' });
        continue;
      }
      const result = type.schema.safeParse(data);
      if (!result.success) {
        for (const issue of result.error.issues) {
          const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
          const field = issue.code === 'unrecognized_keys' ? issue.path.map(String).join('.') : path.map(String).join('.');
          problems.push({ file, line: lineOf(yamlSource, path, offset), field: field || undefined, message: describeIssue(issue, data), severity: 'error' });
        }
        continue;
      }
      const missingAlt = (type as { userWritten?: boolean }).userWritten ? null : IMAGE_WITHOUT_ALT.exec(body);
      if (missingAlt) {
        const line = bodyLine + body.slice(0, missingAlt.index).split('\n').length - 1;
        problems.push({ file, line, message: 'afbeelding zonder alternatieve tekst: schrijf tussen [ ] wat erop staat', severity: 'error' });
        continue;
      }
      const id = getEntryId(name, rel);
      if (entries[name].has(id)) {
        problems.push({ file, line: 1, message: `dubbele id "${id}" in ${name} (ook in ${entries[name].get(id)!.file})`, severity: 'error' });
        continue;
      }
      const src = yamlSource;
      const off = offset;
      entries[name].set(id, { id, file, data: result.data as Record<string, unknown>, body, lineOf: (p) => lineOf(src, p, off) });
    }
  }
  problems.push(...checkReferences(entries));
  return { problems, entries };
}

/** Checks that every id a file points at exists (people, departments, groups, pages). */
function checkReferences(entries: ValidationResult['entries']): Problem[] {
  const problems: Problem[] = [];
  const need = (e: CheckedEntry, field: string, id: unknown, collections: CollectionName[], what: string) => {
    if (typeof id !== 'string') return;
    if (collections.some((c) => entries[c].has(id))) return;
    const line = e.lineOf(field.split('.'));
    problems.push({ file: e.file, line, field, message: `verwijst naar ${what} "${id}" die niet bestaat`, severity: 'error' });
  };
  for (const e of entries.nieuws.values()) need(e, 'author', e.data.author, ['collegas'], 'collega');
  for (const e of entries.kennis.values()) {
    need(e, 'owner', e.data.owner, ['afdelingen', 'collegas'], 'afdeling of collega');
    for (const r of e.data.related as string[]) need(e, 'related', r, ['kennis'], 'pagina');
  }
  for (const e of entries.secties.values()) need(e, 'owner', e.data.owner, ['afdelingen'], 'afdeling');
  for (const e of entries.groepen.values()) for (const m of e.data.moderators as string[]) need(e, 'moderators', m, ['collegas'], 'collega');
  for (const e of entries.berichten.values()) {
    need(e, 'author', e.data.author, ['collegas'], 'collega');
    need(e, 'group', e.data.group, ['groepen'], 'groep');
  }
  const targetOf = { nieuws: 'nieuws', kennis: 'kennis', bericht: 'berichten', agenda: 'agenda' } as const;
  for (const e of entries.reacties.values()) {
    need(e, 'author', e.data.author, ['collegas'], 'collega');
    const on = e.data.on as { type: keyof typeof targetOf; id: string };
    need(e, 'on.id', on.id, [targetOf[on.type]], on.type);
  }
  for (const e of entries.collegas.values()) need(e, 'department', e.data.department, ['afdelingen'], 'afdeling');
  for (const e of entries.afdelingen.values()) need(e, 'manager', e.data.manager, ['collegas'], 'collega');
  for (const e of entries.agenda.values()) need(e, 'organiser', e.data.organiser, ['collegas', 'afdelingen'], 'collega of afdeling');
  return problems;
}

/** Formats a problem as `file:line: field: message`, the form editors and CI annotations read. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity === 'warning' ? 'waarschuwing: ' : ''}${p.field ? `${p.field}: ` : ''}${p.message}`;
}
