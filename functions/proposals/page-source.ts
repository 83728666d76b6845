// A knowledge page as a proposal sees it: found by id (the server builds the path), split into its
// front matter — kept byte for byte — and the Markdown body an employee may change; and its owners.
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { knowledgeSchema } from '../../src/schemas/knowledge.ts';
import { ApiError } from '../lib/api-error.ts';
import { readDepartment } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';

/** A page's file, split. `head` is everything before the body, exactly as stored. */
export interface PageSource {
  path: string;
  head: string;
  body: string;
  title: string;
  owner: string;
}

/** Who keeps a page right: names for the pull request, a GitHub team to ask for review. */
export interface PageOwner {
  id: string;
  name: string;
  email?: string;
  githubTeam?: string;
}

/** Reads a knowledge page by id from the store; 404 when there is none, 409 when it cannot be read. */
export async function readPageSource(deps: Pick<ContentDeps, 'store' | 'paths'>, id: string): Promise<PageSource> {
  for (const path of deps.paths.entryFiles('kennis', id) ?? []) {
    const text = await deps.store.read(path);
    if (text === undefined) continue;
    let parsed;
    try {
      parsed = parseFrontMatter(text);
    } catch {
      throw new ApiError(409, 'onleesbaar', 'Deze pagina kan nu niet worden aangepast: de kopgegevens zijn onleesbaar.');
    }
    const data = knowledgeSchema.safeParse(parsed.data);
    if (!data.success) throw new ApiError(409, 'onleesbaar', 'Deze pagina kan nu niet worden aangepast: de kopgegevens kloppen niet.');
    // parseFrontMatter returns the tail of the text as the body, so the rest is the head, untouched.
    return { path, head: text.slice(0, text.length - parsed.body.length), body: parsed.body, title: data.data.title, owner: data.data.owner };
  }
  throw new ApiError(404, 'pagina_onbekend', 'Deze pagina van Weten en regelen bestaat niet.');
}

/** The owner of a page: a department (with its mailbox and GitHub team) or a colleague (and their department's team). */
export async function readPageOwner(deps: Pick<ContentDeps, 'store' | 'paths' | 'people'>, id: string): Promise<PageOwner> {
  const person = deps.people.byId(id);
  if (person) return { id, name: person.name, email: person.email, githubTeam: (await readDepartment(deps, person.department))?.githubTeam };
  const dept = await readDepartment(deps, id);
  return dept ? { id, name: dept.name, email: dept.email, githubTeam: dept.githubTeam } : { id, name: id };
}
