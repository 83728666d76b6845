// Small DOM helpers for the browser scripts that draw what the API answers (private groups, group proposals, Mijn groepen).

/** A new element with properties and children: `el('a', { href, textContent })`. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Fills `{name}` placeholders of a label. */
export const fill = (text: string, vars: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

/** A term and its description, for a `<dl>` of facts. */
export const factRow = (term: string, value: Node | string): HTMLElement[] => [el('dt', { textContent: term }), el('dd', {}, value)];

/** The parts of a decision queue's markup (/beheer/groepsvoorstellen/, /beheer/moderatie/), each section once. */
export function eachQueue(selector: string, start: (parts: QueueParts) => void): void {
  for (const section of document.querySelectorAll<HTMLElement>(selector)) {
    if (section.dataset.started) continue;
    section.dataset.started = 'true';
    const pendingBox = section.querySelector<HTMLElement>('[data-queue-pending]')!;
    start({
      section,
      labels: JSON.parse(section.dataset.labels ?? '{}') as Record<string, string>,
      message: section.querySelector<HTMLElement>('[data-queue-message]')!,
      live: section.querySelector<HTMLElement>('[data-queue-live]')!,
      pendingBox,
      pendingTitle: pendingBox.querySelector<HTMLElement>('h2')!,
      list: pendingBox.querySelector<HTMLElement>('ol')!,
      decidedBox: section.querySelector<HTMLElement>('[data-queue-decided]')!,
    });
  }
}

/** What eachQueue hands over. */
export interface QueueParts {
  section: HTMLElement;
  labels: Record<string, string>;
  message: HTMLElement;
  live: HTMLElement;
  pendingBox: HTMLElement;
  pendingTitle: HTMLElement;
  list: HTMLElement;
  decidedBox: HTMLElement;
}
