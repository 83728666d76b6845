// The whole hostile-input corpus: every entry, from every family the issue lists.
import { FILE_ENTRIES } from './files.ts';
import { FRONT_MATTER_ENTRIES } from './front-matter.ts';
import { HTTP_ENTRIES } from './http.ts';
import { PATH_ENTRIES } from './paths.ts';
import { TYPES_SIZES_ENTRIES } from './types-sizes.ts';
import type { CorpusEntry } from './types.ts';
import { XSS_ENTRIES } from './xss.ts';

export type { CorpusEntry, HttpEntry } from './types.ts';
export type { FileInput } from './files.ts';
export { GPS_EXIF, makeJpeg } from './files.ts';
export { HTTP_ENTRIES };

/** Every entry sent through the API (the HTTP entries go over a socket, in HTTP_ENTRIES). */
export const CORPUS: CorpusEntry[] = [...XSS_ENTRIES, ...FRONT_MATTER_ENTRIES, ...PATH_ENTRIES, ...TYPES_SIZES_ENTRIES, ...FILE_ENTRIES];

/** The legitimate texts of the corpus: what the browser test stores and then looks at. */
export const HARMLESS_TEXTS: CorpusEntry[] = CORPUS.filter((e) => e.expect.kind === 'harmless' && e.field === 'tekst');
