// Finds what a Markdown or MDX body points at (links, images, colleagues on contact cards), with lines.
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** One thing a body points at. */
export interface MarkdownRef {
  kind: 'link' | 'image' | 'person';
  /** The URL as written, or the colleague's id. */
  target: string;
  /** 1-based line in the file. */
  line: number;
  /** An image's alt text; undefined when an HTML/MDX image has no alt attribute at all. */
  alt?: string;
  /** Written as an HTML/MDX tag rather than Markdown, so a message can say how to fix it. */
  html?: boolean;
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** Attributes of MDX components and HTML that name a page, a file or a colleague. */
const ATTRIBUTE = /\b(href|src|person)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const IMG_TAG = /<img\b[^>]*>/gi;

/**
 * What every node collected below needs in its source: `[` (links, images, references, definitions), `<` (HTML,
 * autolinks) or a GFM literal autolink (`www.`, a scheme, an e-mail address with `@`).
 */
const MAY_REFER = /[[<@]|www\.|(?:https?|mailto|xmpp):/i;

const linesBefore = (text: string, index: number) => text.slice(0, index).split('\n').length - 1;

/**
 * Collects the references in a body that starts on line `firstLine` of its file. MDX components parse as HTML in
 * plain Markdown, so their attributes (`<ContactCard person="…" />`, `href="/…"`) are read from the HTML nodes;
 * code blocks are skipped, as the site shows them as text.
 */
export function collectMarkdownRefs(body: string, firstLine: number): MarkdownRef[] {
  const refs: MarkdownRef[] = [];
  // Most comments and posts are plain prose: without these no link, image, definition or HTML node can exist.
  if (!MAY_REFER.test(body)) return refs;
  const tree = parser.parse(body);
  const lineOf = (node: { position?: { start: { line: number } } }) => firstLine + (node.position?.start.line ?? 1) - 1;
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'definition') refs.push({ kind: 'link', target: node.url, line: lineOf(node) });
    else if (node.type === 'image') refs.push({ kind: 'image', target: node.url, line: lineOf(node), alt: node.alt ?? '' });
    else if (node.type === 'imageReference') refs.push({ kind: 'image', target: '', line: lineOf(node), alt: node.alt ?? '' });
    else if (node.type === 'html') {
      const start = lineOf(node);
      for (const m of node.value.matchAll(ATTRIBUTE)) {
        const value = m[2] ?? m[3];
        const line = start + linesBefore(node.value, m.index);
        if (m[1] === 'person') refs.push({ kind: 'person', target: value, line });
        else if (m[1] === 'href') refs.push({ kind: 'link', target: value, line });
        else if (!/^<img\b/i.test(node.value.slice(node.value.lastIndexOf('<', m.index)))) refs.push({ kind: 'link', target: value, line });
      }
      for (const m of node.value.matchAll(IMG_TAG)) {
        const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[0]);
        const alt = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[0]);
        refs.push({ kind: 'image', target: src ? (src[1] ?? src[2]) : '', line: start + linesBefore(node.value, m.index), alt: alt ? (alt[1] ?? alt[2]) : undefined, html: true });
      }
    }
  });
  return refs.sort((a, b) => a.line - b.line);
}
