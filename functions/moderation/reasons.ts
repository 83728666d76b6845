// Why a colleague reports an item ("Melden"): one fixed list, shared by the API's validation, the report form and
// the moderation queue. 'anders' needs the colleague's own words.

/** The reasons a report can give. */
export const REPORT_REASONS = ['ongepast', 'persoonsgegevens', 'spam', 'onjuist', 'anders'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** What the item's author is told when it was hidden automatically after reports (pending a moderator's review). */
export const AUTO_HIDE_REASON = 'Automatisch verborgen na meldingen van meerdere collega’s; een moderator beoordeelt het.';
/** Who an automatic hide is recorded as (the log and the item's `hidden.by`). */
export const AUTO_HIDE_BY = 'plein';
