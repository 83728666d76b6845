// How Astro keeps the content store of a build (experimental.collectionStorage). By default it is one file that Vite
// bundles as one module (`JSON.parse` of one string: 130 MB at 50,000 items); bundling it was the build's memory peak
// at that size: 2.6-3.3 GB in four runs of bench:build. Chunked (Astro's 20 MB pieces) kept it at 2.4-2.6 GB, but
// builds slower (50,000 items: 123 -> 160-166 s; 10,000: ~7 s slower, measured under load), so an organisation gets
// it only when its content folder is that large. 48 MB pieces were no better (3.0 GB, 187 s).
import { readdirSync } from 'node:fs';

/** From this many content files on, the store is chunked. */
export const CHUNKED_FROM_FILES = 25_000;

/** The number of files below `dir` (0 when it does not exist). */
export function countContentFiles(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => !entry.isDirectory()).length;
  } catch {
    return 0;
  }
}

/** Astro's `experimental.collectionStorage` for the content in `dir`. */
export function contentStorage(dir: string, from = CHUNKED_FROM_FILES): 'single-file' | 'chunked' {
  return countContentFiles(dir) >= from ? 'chunked' : 'single-file';
}
