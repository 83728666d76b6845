// The registry of content types: where each lives in content/ and which schema defines it.
import type { z } from 'astro/zod';
import { commentSchema } from './comment.ts';
import { departmentSchema } from './department.ts';
import { eventSchema } from './event.ts';
import { groupSchema } from './group.ts';
import { knowledgeSchema } from './knowledge.ts';
import { newsSchema } from './news.ts';
import { personSchema } from './person.ts';
import { postSchema } from './post.ts';
import { sectionSchema } from './section.ts';
import { settingsSchema } from './settings.ts';

/** How one content type is stored: folder below the content root, file pattern, schema. */
export interface ContentType {
  /** Folder below the content root. */
  folder: string;
  /** Glob pattern inside that folder. */
  pattern: string;
  /** Markdown types have a body; data types are YAML only. */
  kind: 'markdown' | 'data';
  schema: z.ZodType;
  /** Written by employees through the API (never a CMS collection). */
  userWritten?: boolean;
}

/** Every content type, by Astro collection name. */
export const CONTENT_TYPES = {
  nieuws: { folder: 'nieuws', pattern: '**/*.{md,mdx}', kind: 'markdown', schema: newsSchema },
  kennis: { folder: 'weten-en-regelen', pattern: '**/*.{md,mdx}', kind: 'markdown', schema: knowledgeSchema },
  secties: { folder: 'weten-en-regelen', pattern: '**/sectie.yml', kind: 'data', schema: sectionSchema },
  groepen: { folder: 'groepen', pattern: '**/*.md', kind: 'markdown', schema: groupSchema },
  berichten: { folder: 'berichten', pattern: '**/*.md', kind: 'markdown', schema: postSchema, userWritten: true },
  reacties: { folder: 'reacties', pattern: '**/*.md', kind: 'markdown', schema: commentSchema, userWritten: true },
  collegas: { folder: 'collegas', pattern: '**/*.yml', kind: 'data', schema: personSchema },
  afdelingen: { folder: 'afdelingen', pattern: '**/*.yml', kind: 'data', schema: departmentSchema },
  agenda: { folder: 'agenda', pattern: '**/*.md', kind: 'markdown', schema: eventSchema },
  instellingen: { folder: 'instellingen', pattern: 'site.yml', kind: 'data', schema: settingsSchema },
} as const satisfies Record<string, ContentType>;

/** A collection name. */
export type CollectionName = keyof typeof CONTENT_TYPES;

/**
 * The entry id for a file path relative to its type folder: the path without extension,
 * with "sectie.yml" standing for its folder. Posts and comments use only the file name (a ULID).
 */
export function getEntryId(collection: CollectionName, relPath: string): string {
  const noExt = relPath.replace(/\\/g, '/').replace(/\.(mdx?|ya?ml)$/, '');
  if (collection === 'secties') return noExt.replace(/\/?sectie$/, '') || '.';
  if (collection === 'berichten' || collection === 'reacties') return noExt.split('/').pop()!;
  return noExt.toLowerCase();
}
