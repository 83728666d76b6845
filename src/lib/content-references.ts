// Checks that the ids a file points at exist: people, departments, groups, pages and comment targets.
import type { CollectionName } from '../schemas/index.ts';
import type { CheckedEntry, Problem, ValidationResult } from './content-check-types.ts';

/** Checks that every id a file points at exists (people, departments, groups, pages). */
export function checkReferences(entries: ValidationResult['entries']): Problem[] {
  const problems: Problem[] = [];
  const need = (e: CheckedEntry, field: string, id: unknown, collections: CollectionName[], what: string, path: PropertyKey[] = field.split('.')) => {
    if (typeof id !== 'string') return;
    if (collections.some((c) => entries[c].has(id))) return;
    const line = e.lineOf(path);
    problems.push({ file: e.file, line, field, message: `verwijst naar ${what} "${id}" die niet bestaat`, severity: 'error', kind: 'verwijzing' });
  };
  for (const e of entries.nieuws.values()) need(e, 'author', e.data.author, ['collegas'], 'collega');
  for (const e of entries.kennis.values()) {
    need(e, 'owner', e.data.owner, ['afdelingen', 'collegas'], 'afdeling of collega');
    (e.data.related as string[]).forEach((r, i) => need(e, 'related', r, ['kennis'], 'pagina', ['related', i]));
  }
  for (const e of entries.secties.values()) need(e, 'owner', e.data.owner, ['afdelingen'], 'afdeling');
  for (const e of entries.groepen.values()) (e.data.moderators as string[]).forEach((m, i) => need(e, 'moderators', m, ['collegas'], 'collega', ['moderators', i]));
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
  for (const e of entries.instellingen.values()) {
    (e.data.githubTeams as { owner: string }[]).forEach((t, i) => need(e, `githubTeams.${i}.owner`, t.owner, ['afdelingen', 'collegas'], 'afdeling of collega', ['githubTeams', i, 'owner']));
  }
  for (const e of entries.collegas.values()) need(e, 'department', e.data.department, ['afdelingen'], 'afdeling');
  for (const e of entries.afdelingen.values()) need(e, 'manager', e.data.manager, ['collegas'], 'collega');
  for (const e of entries.agenda.values()) need(e, 'organiser', e.data.organiser, ['collegas', 'afdelingen'], 'collega of afdeling');
  return problems;
}
