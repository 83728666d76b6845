// What a proposed body may contain: it must parse as the page's format (MDX or Markdown, with the parser
// Astro builds with), and it may not add code — ESM, {expressions}, raw HTML, event attributes, or
// elements other than the page's components — that the current text does not already hold.
// A proposal changes words; a broken or scripted page must not reach the reviewers' merge button.
import { markdownToMdast, mdxToMdast } from 'satteri';
import { ApiError } from '../lib/api-error.ts';

/** Components a knowledge page renders (src/pages/weten-en-regelen/[...path].astro). */
const COMPONENTS = new Set(['Callout', 'ContactCard', 'Steps']);

interface Node {
  type: string;
  url?: unknown;
  name?: string | null;
  value?: unknown;
  attributes?: Node[];
  children?: Node[];
}

/** A link target a browser would run or open as a document: any scheme but http(s), mailto and tel (read as a browser does). */
function isUnsafeUrl(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase())?.[1];
  return scheme !== undefined && !['http', 'https', 'mailto', 'tel'].includes(scheme);
}

/** The code-like parts of a tree, each as a comparable string. */
function listCode(node: Node, out: string[] = []): string[] {
  const value = typeof node.value === 'string' ? node.value : '';
  if (node.type === 'mdxjsEsm') out.push(`esm ${value}`);
  else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') out.push(`{${value}}`);
  else if (node.type === 'html') out.push(`html ${value}`);
  // MDX renders link and image URLs as they are: a javascript: link in a merged page would be a script.
  else if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && typeof node.url === 'string' && isUnsafeUrl(node.url)) out.push(`url ${node.url}`);
  else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
    if (!COMPONENTS.has(node.name ?? '')) out.push(`<${node.name ?? ''}>`);
    for (const attr of node.attributes ?? []) {
      const v = attr.value as Node | string | null | undefined;
      if (attr.type === 'mdxJsxExpressionAttribute') out.push(`{${String(attr.value)}}`);
      else if (v && typeof v === 'object') out.push(`${attr.name}={${String(v.value)}}`);
      else if (/^on/i.test(attr.name ?? '')) out.push(`${attr.name}=`);
      else if (typeof v === 'string' && isUnsafeUrl(v)) out.push(`${attr.name}=${v}`);
    }
  }
  for (const child of node.children ?? []) listCode(child, out);
  return out;
}

/** Parses a body as the file's format; a parse error becomes a 422 naming the line. */
function parse(body: string, mdx: boolean): Node {
  try {
    return (mdx ? mdxToMdast(body) : markdownToMdast(body)) as unknown as Node;
  } catch (err) {
    const message = String((err as Error).message ?? err);
    const at = /^(\d+):(\d+)/.exec(message);
    const where = at ? `op regel ${at[1]}, teken ${at[2]}` : 'ergens in de tekst';
    throw new ApiError(422, 'opmaak_fout', `De opmaak klopt niet ${where}: een onderdeel tussen < en > is niet afgesloten, of een { of < staat los. Herstel dat, of beschrijf de wijziging in de toelichting. (${message.replace(/^\d+:\d+: /, '').slice(0, 160)})`);
  }
}

/** Refuses a body that does not parse, or that adds code the current body does not have. */
export function assertSafeBody(before: string, after: string, mdx: boolean): void {
  const tree = parse(after, mdx);
  let known: Set<string>;
  try {
    known = new Set(listCode(parse(before, mdx)));
  } catch {
    known = new Set();
  }
  const added = listCode(tree).find((code) => !known.has(code));
  if (added) throw new ApiError(422, 'code_niet_toegestaan', `Een voorstel kan geen code toevoegen (${JSON.stringify(added.slice(0, 40))}). Beschrijf zo’n wijziging in de toelichting; de eigenaar past het aan.`);
}
