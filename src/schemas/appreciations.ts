// Waarderingen (reactions): the fixed set, with Dutch names. *Reacties* already means comments in Plein, so these are
// waarderingen everywhere (API, UI, state store). The keys are what the API and the state store hold.
export const APPRECIATION_KINDS = {
  duim: { emoji: '👍', label: 'Duim omhoog' },
  hart: { emoji: '❤️', label: 'Hart' },
  lach: { emoji: '😄', label: 'Lach' },
  feest: { emoji: '🎉', label: 'Feest' },
  idee: { emoji: '💡', label: 'Goed idee' },
} as const;

/** A kind of waardering. */
export type AppreciationKind = keyof typeof APPRECIATION_KINDS;

/** The kinds in display order. */
export const APPRECIATION_KIND_NAMES = Object.keys(APPRECIATION_KINDS) as AppreciationKind[];

/** What can be appreciated: posts, comments and news. */
export const APPRECIATION_TARGETS = ['bericht', 'reactie', 'nieuws'] as const;
