// What every moderation path shares (the hide route, the queue's decisions, the automatic hide after reports): who
// may moderate an item, hiding or showing it again in git (the fan-out tells the author of a hide, with the reason),
// closing its reports and telling each reporter the outcome, and the moderation log.
import { stringifyFrontMatter } from '../../src/lib/front-matter.ts';
import { toPlainText } from '../../src/lib/render-markdown.ts';
import { commentSchema } from '../../src/schemas/comment.ts';
import { postSchema } from '../../src/schemas/post.ts';
import type { Identity } from '../auth/identity.ts';
import { itemPath, readGroup, readItem } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import { notifyDirect } from '../notifications/direct.ts';
import { isUlid } from '../lib/ulid.ts';
import type { LogAction, ReportOutcome } from '../state/moderation.ts';
import type { CommitAuthor } from '../store/types.ts';
import { PLEIN_BOT } from '../store/proposal-message.ts';
import { AUTO_HIDE_BY } from './reasons.ts';

/** The help page with the house rules (where a reporter of a hidden item is sent). */
export const HOUSE_RULES = '/weten-en-regelen/help/reageren-en-huisregels/';

/** A post or comment as moderation sees it. */
export interface ModeratedItem {
  kind: 'bericht' | 'reactie';
  id: string;
  path: string;
  raw: Record<string, unknown>;
  body: string;
  author: string;
  /** The group it lives in (a comment: its post's); undefined on the timeline or under a page. */
  group: string | undefined;
  hidden: { by: string; at: string; reason?: string } | undefined;
  /** For a comment: what it is under. */
  on: { type: string; id: string } | undefined;
  /** Where it is seen. */
  url: string;
}

/** A post or comment by kind and id; undefined when there is none. */
export async function loadItem(deps: ContentDeps, kind: 'bericht' | 'reactie', id: string): Promise<ModeratedItem | undefined> {
  if (!isUlid(id)) return undefined;
  const path = itemPath(deps, kind, id);
  const item = await readItem(deps, path, kind === 'bericht' ? postSchema : commentSchema);
  if (!item) return undefined;
  const on = kind === 'reactie' ? (item.data.on as { type: string; id: string }) : undefined;
  let group = kind === 'bericht' ? (item.data.group as string | undefined) : undefined;
  if (on?.type === 'bericht' && isUlid(on.id)) group = (await readItem(deps, deps.paths.post(on.id), postSchema).catch(() => undefined))?.data.group;
  const base = on ? (on.type === 'bericht' ? `/berichten/${on.id}/` : on.type === 'kennis' ? `/weten-en-regelen/${on.id}/` : `/${on.type}/${on.id}/`) : `/berichten/${id}/`;
  return {
    kind, id, path, raw: item.raw, body: item.body, author: String(item.data.author), group, on,
    hidden: item.data.hidden as ModeratedItem['hidden'], url: on ? `${base}#reactie-${id}` : base,
  };
}

/** A short plain-text excerpt of an item's body. */
export function excerptOf(item: ModeratedItem, max = 280): string {
  const text = toPlainText(item.body).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** May this person moderate items in this group (or on the timeline / under pages when group is undefined)? */
export async function canModerate(deps: ContentDeps, who: Identity, group: string | undefined): Promise<boolean> {
  if (who.editor) return true;
  if (!group) return false;
  return (await readGroup(deps, group))?.moderators.includes(who.personId) ?? false;
}

/** Who acts: a moderator, or Plein itself (the automatic hide, which must name none of the reporters). */
export type Actor = { personId: string; commitAuthor: CommitAuthor; name: string } | 'plein';

/** Hides the item (`hidden` set) or shows it again (undefined) with one commit; gives the new file text. */
export async function setHidden(deps: ContentDeps, item: ModeratedItem, actor: Actor, reason: string | undefined, hide: boolean): Promise<string> {
  const { hidden: _old, ...rest } = item.raw;
  const by = actor === 'plein' ? AUTO_HIDE_BY : actor.personId;
  const data = hide ? { ...rest, hidden: { by, at: deps.now().toISOString(), ...(reason ? { reason } : {}) } } : rest;
  const content = stringifyFrontMatter(data, item.body);
  const what = item.kind === 'bericht' ? 'Bericht' : 'Reactie';
  const message = actor === 'plein' ? `${what} automatisch verborgen na meldingen` : `${what} ${hide ? 'verborgen' : 'weer zichtbaar gemaakt'} door ${actor.name}`;
  await deps.store.commit({ writes: [{ path: item.path, content }], message, author: actor === 'plein' ? PLEIN_BOT : actor.commitAuthor });
  return content;
}

/** Appends to the moderation log (nothing without a state store). */
export async function logAction(deps: ContentDeps, item: ModeratedItem, moderator: string, action: LogAction, reason: string | undefined): Promise<void> {
  await deps.state?.moderation?.log({ moderator, action, target: { type: item.kind, id: item.id }, author: item.author, group: item.group ?? null, reason: reason ?? null }, deps.now().getTime());
}

/** Closes the item's open reports with `outcome` and tells each reporter (once) how it was decided. */
export async function closeReports(deps: ContentDeps, item: ModeratedItem, outcome: ReportOutcome, moderator: string): Promise<number> {
  const moderation = deps.state?.moderation;
  if (!moderation) return 0;
  const now = deps.now().getTime();
  const reporters = await moderation.decide({ type: item.kind, id: item.id }, outcome, now);
  await notifyDirect(
    deps.state?.notifications,
    reporters.map((person) => ({
      kind: 'melding-beoordeeld' as const, person, actor: moderator === AUTO_HIDE_BY ? null : moderator, target: { type: item.kind, id: item.id },
      // A hidden item's text goes into no mail or push; the reporter is sent to the house rules instead.
      title: outcome === 'verborgen' ? null : excerptOf(item, 80), text: outcome, url: outcome === 'verborgen' ? HOUSE_RULES : item.url,
      groupKey: `melding-beoordeeld:${item.kind}:${item.id}`, source: `melding-beoordeeld:${item.kind}:${item.id}:${now}`,
    })),
    now,
  );
  return reporters.length;
}
