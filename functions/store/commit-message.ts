// The commit message of a batch, shared by every store: the single message or a list, every other
// author as co-author, and the changes' trailers (such as Plein-Request) so a commit says what it holds.
import type { ChangeSet } from './types.ts';

/** Builds the message of a commit holding `changes` (the first change's author is the commit author). */
export function describeBatch(changes: ChangeSet[]): string {
  const [first, ...others] = changes;
  const coAuthors = [...new Map(others.map((c) => [c.author.email, c.author])).values()].filter((a) => a.email !== first.author.email);
  const trailers = [
    ...changes.flatMap((c) => c.trailers ?? []),
    ...coAuthors.map((a) => `Co-authored-by: ${a.name} <${a.email}>`),
  ];
  return [
    changes.length === 1 ? first.message : `${changes.length} wijzigingen van medewerkers\n\n${changes.map((c) => `- ${c.message}`).join('\n')}`,
    ...(trailers.length ? ['', ...trailers] : []),
  ].join('\n');
}
