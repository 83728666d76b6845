// The shape of a hostile-input corpus entry: where it goes, what it is, and what must happen.

/** Families of attack the issue lists; used for reporting and to prove every family is covered. */
export type Category = 'xss' | 'front-matter' | 'path' | 'types-sizes' | 'file' | 'http';

/**
 * Where an input is put:
 * - `tekst`: the Markdown text of a new post (timeline and group, JSON and multipart), an edit, a comment on every
 *   kind of target, and the preview;
 * - `reden`: the reason of hiding a post or a comment; `alt`: the alt text of a photo (multipart);
 * - `groep`: the group of a new post (JSON and multipart); `doel`: the target of a comment (the whole object);
 * - `bericht-id` / `reactie-id`: the id in the URL of edit, delete and hide;
 * - `body`: the whole JSON body of every JSON write endpoint; `foto`: the bytes of a photo.
 */
export type Field = 'tekst' | 'reden' | 'alt' | 'groep' | 'doel' | 'bericht-id' | 'reactie-id' | 'body' | 'foto';

/** What must happen: refused (4xx with a code and a Dutch message, nothing written) or stored and rendered harmless. */
export type Expectation = { kind: 'refused'; status?: number[] } | { kind: 'harmless' };

/** One entry of the corpus. `input` is a JSON value, a string, or bytes built in the test (no binaries in git). */
export interface CorpusEntry {
  id: string;
  category: Category;
  field: Field;
  /** What the entry tries, in a few words. */
  description: string;
  input: unknown | (() => Promise<Uint8Array>);
  expect: Expectation;
}

/** A raw HTTP attack, sent over a socket to a real server (tests/security/http-raw.test.ts). */
export interface HttpEntry {
  id: string;
  category: 'http';
  description: string;
  /** Builds the raw request bytes for a host and a session cookie; `chunks` are written one after another. */
  request: (ctx: { host: string; cookie: string; origin: string }) => { chunks: (string | Buffer)[]; endAfter?: boolean };
  /** Acceptable status codes; nothing may be written. */
  status: number[];
}

export const refused = (...status: number[]): Expectation => ({ kind: 'refused', ...(status.length ? { status } : {}) });
export const harmless: Expectation = { kind: 'harmless' };
