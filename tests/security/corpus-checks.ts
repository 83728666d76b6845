// What the corpus runner asserts about one answer: a proper refusal, or a stored file that reads back
// exactly (with our parser and with the build's) and renders harmless.
import { parseFrontmatter as parseWithAstro } from '@astrojs/internal-helpers/frontmatter';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { renderMarkdown } from '../../src/lib/render-markdown.ts';
import { findHtmlProblems } from './corpus-html-safety.ts';

/** Common Dutch words; an error message without any of them is not the Dutch message the rules ask for. */
const DUTCH = /\b(de|het|een|je|niet|is|zijn|bestaat|moet|of|te|van|geen|deze|dit|alleen|kan|kunnen|mag|stuur|bevat|ontbreekt|ongeldige?|gebruik|tekst|foto|groep|bericht|reactie|verzoek|leeg|lang|groot)\b/i;
const ENGLISH = /\b(invalid input|expected|received|unrecognized|too (big|small)|must be|required)\b/i;

/** Problems with a refusal: not 4xx, not an allowed status, no code, or no Dutch message. */
export async function checkRefusal(res: Response, allowed: number[] | undefined): Promise<string | undefined> {
  const text = await res.text();
  if (res.status < 400 || res.status > 499) return `status ${res.status} instead of 4xx: ${text.slice(0, 200)}`;
  if (allowed && !allowed.includes(res.status)) return `status ${res.status}, expected ${allowed.join('/')}: ${text.slice(0, 200)}`;
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${res.status} without a JSON error: ${text.slice(0, 120)}`;
  }
  const { code, message } = body.error ?? {};
  if (typeof code !== 'string' || !/^[a-z_]+$/.test(code)) return `no error code: ${text.slice(0, 200)}`;
  // A parser's own detail may follow in parentheses (the suggested-edit guard quotes it); the message itself is Dutch.
  const own = typeof message === 'string' ? message.replace(/\([^]*\)/g, '') : '';
  if (typeof message !== 'string' || !DUTCH.test(own) || ENGLISH.test(own)) return `message not Dutch (${code}): ${String(message)}`;
  return undefined;
}

/** The text the API stores for an input: line ends normalised, outer whitespace trimmed. */
export const normalise = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/** Parses a stored file with our parser and with the build's (Astro's), which must agree on the data. */
export function readBack(file: string): { data: Record<string, unknown>; body: string; problems: string[] } {
  const problems: string[] = [];
  const ours = parseFrontMatter(file) as { data: Record<string, unknown>; body: string };
  let astro: unknown;
  try {
    astro = JSON.parse(JSON.stringify(parseWithAstro(file).frontmatter));
  } catch (err) {
    problems.push(`the build's parser fails: ${(err as Error).message}`);
  }
  if (astro !== undefined && JSON.stringify(astro) !== JSON.stringify(ours.data)) {
    problems.push(`the build reads other front matter: ${JSON.stringify(astro)} vs ${JSON.stringify(ours.data)}`);
  }
  return { data: ours.data, body: ours.body, problems };
}

/** Problems with a stored post or comment whose body should be `text`. */
export function checkStoredText(file: string, text: string, people: ReadonlySet<string>): string[] {
  const { body, problems } = readBack(file);
  if (body !== `${normalise(text)}\n`) problems.push(`body differs: ${JSON.stringify(body.slice(0, 80))}`);
  problems.push(...findHtmlProblems(renderMarkdown(body, { people })).map((p) => `rendered: ${p}`));
  return problems;
}

/** Runs `work` over `items` with at most `limit` at a time (concurrent writes share commits). */
export async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}
