// Checks that the ids a file points at exist: people, departments, groups, pages, comment targets, roles and locations.
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
  // Roles and locations are lists in the site settings (issue 17): a colleague's and an audience's ids must be in them.
  const settings = entries.instellingen.get('site')?.data as { roles?: { id: string }[]; locations?: { id: string }[] } | undefined;
  const listed = { rollen: new Set((settings?.roles ?? []).map((r) => r.id)), locaties: new Set((settings?.locations ?? []).map((l) => l.id)) };
  const inSettings = (e: CheckedEntry, path: (string | number)[], id: unknown, list: keyof typeof listed, what: string) => {
    if (typeof id !== 'string' || listed[list].has(id)) return;
    const setting = list === 'rollen' ? 'roles' : 'locations';
    problems.push({ file: e.file, line: e.lineOf(path), field: path.join('.'), message: `verwijst naar ${what} "${id}" die niet in de instellingen staat (${setting} in instellingen/site.yml)`, severity: 'error', kind: 'verwijzing' });
  };
  for (const e of entries.collegas.values()) {
    need(e, 'department', e.data.department, ['afdelingen'], 'afdeling');
    inSettings(e, ['workLocation'], e.data.workLocation, 'locaties', 'vestiging');
    (e.data.roles as string[]).forEach((r, i) => inSettings(e, ['roles', i], r, 'rollen', 'rol'));
  }
  for (const e of [...entries.nieuws.values(), ...entries.agenda.values()]) {
    const audience = e.data.audience as { departments: string[]; locations: string[]; roles: string[] } | undefined;
    if (!audience) continue;
    audience.departments.forEach((d, i) => need(e, `audience.departments.${i}`, d, ['afdelingen'], 'afdeling', ['audience', 'departments', i]));
    audience.locations.forEach((l, i) => inSettings(e, ['audience', 'locations', i], l, 'locaties', 'vestiging'));
    audience.roles.forEach((r, i) => inSettings(e, ['audience', 'roles', i], r, 'rollen', 'rol'));
  }
  for (const e of entries.afdelingen.values()) need(e, 'manager', e.data.manager, ['collegas'], 'collega');
  for (const e of entries.agenda.values()) need(e, 'organiser', e.data.organiser, ['collegas', 'afdelingen'], 'collega of afdeling');
  return problems;
}
