// The fields employees' request bodies are made of (texts, one-line texts, strict objects), with Dutch messages.
import { z } from 'astro/zod';

/** Longest Markdown text of a post or comment. */
export const MAX_TEXT = 5000;

/** Characters with no place in a text: control characters (Markdown keeps tab and newline) and direction overrides. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/;
/** In a one-line field (alt text, hide reason) line breaks and C1 controls are refused too: they end up in YAML. */
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A Markdown text of a post or comment: line endings normalised, trimmed, not empty, no invisible controls. */
export const text = z
  .string({ error: 'tekst ontbreekt' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1, 'de tekst is leeg').max(MAX_TEXT, `de tekst is langer dan ${MAX_TEXT} tekens`))
  .refine((s) => !CONTROL.test(s), 'de tekst bevat onzichtbare stuurtekens')
  .refine((s) => s.isWellFormed(), 'de tekst bevat ongeldige tekens');

/** One line of plain text of at most 300 characters, named `label` in messages. */
export function oneLine(label: string) {
  return z
    .string({ error: `${label} moet tekst zijn` })
    .trim()
    .max(300, `${label} is langer dan 300 tekens`)
    .refine((s) => !NOT_ONE_LINE.test(s), `${label} moet één regel zijn, zonder onzichtbare stuurtekens`)
    .refine((s) => s.isWellFormed(), `${label} bevat ongeldige tekens`);
}

/** A Dutch message for a body that is no object or has fields we do not know. */
export function bodyError(fields: string) {
  return (issue: { code?: string; keys?: string[] }) => {
    if (issue.code === 'unrecognized_keys') return `onbekend veld: ${(issue.keys ?? []).join(', ')}; stuur alleen ${fields}`;
    if (issue.code === 'invalid_type') return `stuur een object met ${fields}`;
    return undefined;
  };
}
