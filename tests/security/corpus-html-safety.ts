// Checks rendered HTML the way a browser reads it: parsed with a real HTML5 parser (parse5), every element,
// attribute and URL must be one Markdown can legitimately produce. Returns the problems found (none = safe).
import { parseFragment } from 'parse5';

interface P5Node { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: P5Node[]; content?: P5Node }

const parse5 = { parseFragment: (html: string) => parseFragment(html) as unknown as P5Node };

/** Elements remark-gfm + remark-rehype produce after the sanitiser. */
const ELEMENTS = new Set(['p', 'a', 'img', 'em', 'strong', 'del', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input', 'sup', 'section']);
/** Attributes they may carry. */
const ATTRIBUTES = new Set(['href', 'src', 'alt', 'title', 'class', 'id', 'align', 'start', 'type', 'disabled', 'checked', 'aria-describedby', 'aria-label', 'data-footnotes', 'data-footnote-ref', 'data-footnote-backref']);
const URL_ATTRIBUTES = new Set(['href', 'src']);
/** The prefix rehype-sanitize puts before every id and name, so that none can shadow a global (DOM clobbering). */
export const CLOBBER_PREFIX = 'user-content-';

/** How a browser reads a URL's scheme: control characters and whitespace removed, case folded. */
function schemeOf(url: string): string | undefined {
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(cleaned);
  return m?.[1];
}

/** Problems in a piece of rendered HTML; an empty list means nothing in it can run a script. */
export function findHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  // A backstop independent of parse5: lex the serialised tags (quoted values kept whole) and check them too.
  const TAG = /<(\/?)([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    if (/<[a-zA-Z!?/]/.test(html.slice(last, m.index))) problems.push(`markup the lexer cannot read near ${JSON.stringify(html.slice(last, m.index).slice(0, 40))}`);
    last = m.index + m[0].length;
    if (/^(script|style|iframe|object|embed|svg|math)$/i.test(m[2])) problems.push(`raw <${m[2]}>`);
    for (const a of m[3].matchAll(ATTR)) {
      if (/^on/i.test(a[1])) problems.push(`raw ${a[1]}= on <${m[2]}>`);
      const value = (a[2] ?? a[3] ?? a[4] ?? '').replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)));
      if (/^(href|src|action|formaction)$/i.test(a[1]) && /^(javascript|vbscript|data):/.test(schemeOf(value) ? `${schemeOf(value)}:` : '')) problems.push(`raw unsafe ${a[1]} on <${m[2]}>`);
    }
  }
  if (/<[a-zA-Z!?/]/.test(html.slice(last))) problems.push('markup the lexer cannot read at the end');

  const walk = (node: P5Node) => {
    if (node.tagName) {
      const tag = node.tagName.toLowerCase();
      if (!ELEMENTS.has(tag)) problems.push(`element <${tag}>`);
      for (const { name, value } of node.attrs ?? []) {
        const attr = name.toLowerCase();
        if (attr.startsWith('on')) problems.push(`event handler ${attr} on <${tag}>`);
        else if (!ATTRIBUTES.has(attr)) problems.push(`attribute ${attr} on <${tag}>`);
        if (URL_ATTRIBUTES.has(attr)) {
          const scheme = schemeOf(value);
          const allowed = attr === 'href' ? ['http', 'https', 'mailto'] : ['http', 'https'];
          if (scheme && !allowed.includes(scheme)) problems.push(`${attr}="${value}" on <${tag}> (scheme ${scheme})`);
        }
        if (tag === 'img' && attr === 'src' && !/^\/(?![/\\])/.test(value)) problems.push(`img src="${value}" is not on this site (a tracking pixel, blocked by the CSP)`);
        if ((attr === 'id' || attr === 'name') && !value.startsWith(CLOBBER_PREFIX)) problems.push(`${attr}="${value}" can clobber a global`);
      }
      if (tag === 'input' && !(node.attrs ?? []).some((a) => a.name === 'disabled')) problems.push('an enabled <input>');
    }
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content) walk(node.content);
  };
  walk(parse5.parseFragment(html));
  return problems;
}
