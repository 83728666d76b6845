// The kinds of notification, their Dutch labels, the channels, and the defaults that do not spam: every kind in
// Plein, e-mail only for mentions (and the weekly digest), push for nothing until a colleague turns it on.

/** Every kind of event that notifies someone. */
export const NOTIFICATION_KINDS = [
  'vermelding', 'reactie-op-bericht', 'reactie-gevolgd', 'reactie-op-pagina', 'nieuw-in-groep', 'nieuw-van-collega', 'verborgen', 'wachtlijst',
  'groepsvoorstel', 'uitnodiging', 'controle-verlopen', 'pagina-gewijzigd', 'voorstel-besloten', 'nieuws-melding',
  'melding-beoordeeld', 'verplicht-lezen', 'agenda-melding',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Where a notification can go. */
export const CHANNELS = ['plein', 'email', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Digest frequencies. */
export const DIGESTS = ['geen', 'dagelijks', 'wekelijks'] as const;
export type Digest = (typeof DIGESTS)[number];

/** What each kind is called on the settings page. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  vermelding: 'Iemand noemt je (@)',
  'reactie-op-bericht': 'Een reactie op je bericht',
  'reactie-gevolgd': 'Een reactie op iets dat je volgt',
  'reactie-op-pagina': 'Een reactie onder een pagina waarvan je eigenaar bent',
  'nieuw-in-groep': 'Een nieuw bericht in een groep die je volgt',
  'nieuw-van-collega': 'Een nieuw bericht van een collega die je volgt',
  verborgen: 'Je bericht of reactie is verborgen door een moderator',
  wachtlijst: 'Je hebt een plaats gekregen (wachtlijst)',
  groepsvoorstel: 'Besluit over een groep die je voorstelde',
  uitnodiging: 'Een uitnodiging voor een besloten groep',
  'controle-verlopen': 'Een pagina van jou (of je afdeling) moet opnieuw gecontroleerd worden (wekelijks)',
  'pagina-gewijzigd': 'Een pagina van Weten en regelen die je volgt is bijgewerkt',
  'voorstel-besloten': 'Je voorgestelde wijziging van een pagina is overgenomen of gesloten',
  'nieuws-melding': 'Nieuws dat de redactie als melding stuurt, voor iedereen of voor jouw afdeling',
  'melding-beoordeeld': 'Een moderator heeft beoordeeld wat je meldde',
  'verplicht-lezen': 'Herinnering aan nieuws dat je verplicht moet lezen (na 3 dagen en op de deadline)',
  'agenda-melding': 'Een activiteit in de agenda die de redactie als melding stuurt, voor iedereen of voor jouw afdeling',
};

/** A colleague's settings. */
export interface NotificationSettings {
  soorten: Record<NotificationKind, Record<Channel, boolean>>;
  overzicht: Digest;
  /** Quiet hours (Europe/Amsterdam): no push and no immediate mail between them. */
  stil: { van: string; tot: string } | null;
}

/** The settings of someone who never changed them. */
export function defaultSettings(): NotificationSettings {
  return {
    soorten: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { plein: true, email: k === 'vermelding', push: false }])) as NotificationSettings['soorten'],
    overzicht: 'wekelijks',
    stil: null,
  };
}

/** Stored settings over the defaults: a kind added since keeps its default. */
export function withDefaults(stored: Partial<NotificationSettings> | undefined): NotificationSettings {
  const base = defaultSettings();
  if (!stored) return base;
  for (const kind of NOTIFICATION_KINDS) {
    const mine = stored.soorten?.[kind];
    if (mine) base.soorten[kind] = { ...base.soorten[kind], ...mine };
  }
  if (stored.overzicht && (DIGESTS as readonly string[]).includes(stored.overzicht)) base.overzicht = stored.overzicht;
  if (stored.stil !== undefined) base.stil = stored.stil;
  return base;
}
