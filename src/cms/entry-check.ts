// Checks an entry the CMS is about to save against the same schema the Astro collection uses.
import type { z } from 'astro/zod';
import { CONTENT_TYPES, type CollectionName } from '../schemas/index.ts';

type Path = (string | number)[];

/** True for the values Decap leaves behind in a field an editor emptied. */
function isEmptyValue(value: unknown): boolean {
  if (value === '' || value === null || value === undefined) return true;
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value).length === 0;
}

/**
 * Paths of emptied optional values ('' , null, {}) in plain data; list indexes come last-first so
 * they can be deleted in order. Run again until it returns nothing: removing can empty a parent.
 */
export function findEmptyPaths(data: unknown, path: Path = []): Path[] {
  if (Array.isArray(data)) {
    const out: Path[] = [];
    for (let i = data.length - 1; i >= 0; i--) out.push(...(isEmptyValue(data[i]) ? [[...path, i]] : findEmptyPaths(data[i], [...path, i])));
    return out;
  }
  if (data && typeof data === 'object' && !(data instanceof Date)) {
    return Object.entries(data).flatMap(([key, value]) => (isEmptyValue(value) ? [[...path, key]] : findEmptyPaths(value, [...path, key])));
  }
  return [];
}

/** A copy of plain data without emptied optional values, the way the CMS saves it. */
export function pruneEmpty<T>(data: T): T {
  const copy = structuredClone(data);
  for (let paths = findEmptyPaths(copy); paths.length; paths = findEmptyPaths(copy)) {
    for (const path of paths) {
      const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
      const key = path[path.length - 1];
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    }
  }
  return copy;
}

/** The content type behind a CMS collection name (knowledge sections are `kennis-<section>`). */
export function getContentType(collection: string): CollectionName | undefined {
  if (collection.startsWith('kennis-')) return 'kennis';
  return collection in CONTENT_TYPES ? (collection as CollectionName) : undefined;
}

/** Markdown images without alt text: `![](…)`. */
const IMAGE_WITHOUT_ALT = /!\[\s*\]\(/;

/** Problems (Dutch, `field: message`) that would make the build refuse this entry; empty when valid. */
export function checkEntry(collection: string, data: Record<string, unknown>): string[] {
  const type = getContentType(collection);
  if (!type) return [];
  const { body, ...frontMatter } = data;
  const problems: string[] = [];
  const result = (CONTENT_TYPES[type].schema as z.ZodType).safeParse(frontMatter);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.join('.');
      const missing = issue.code === 'invalid_type' && issue.path.reduce<any>((v, k) => v?.[k as string], frontMatter) === undefined;
      problems.push(`${field || 'item'}: ${missing ? 'is verplicht maar ontbreekt' : issue.message}`);
    }
  }
  if (typeof body === 'string' && IMAGE_WITHOUT_ALT.test(body)) problems.push('tekst: een afbeelding heeft geen alternatieve tekst');
  return problems;
}
