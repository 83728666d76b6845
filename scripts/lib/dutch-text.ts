// Word banks and sentence templates for generated Dutch intranet text (deterministic with a seeded random).

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same organisation. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const pickSome = <T>(list: readonly T[], n: number): T[] => {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, pickSome };
}
/** A seeded random source. */
export type Random = ReturnType<typeof createRandom>;

export const FIRST_NAMES = ['Anouk', 'Bas', 'Chantal', 'Daan', 'Eline', 'Femke', 'Gerrit', 'Hanneke', 'Ilse', 'Jeroen', 'Karin', 'Lars', 'Marloes', 'Niels', 'Olga', 'Pieter', 'Quinten', 'Renate', 'Sander', 'Tamara', 'Ubbo', 'Vera', 'Willem', 'Yara', 'Zeynep', 'Fatima', 'Mohamed', 'Priya', 'Youssef', 'Esra', 'Mei', 'Kofi', 'Sanne', 'Joost', 'Lotte', 'Ruben', 'Noor', 'Thijs', 'Iris', 'Bram', 'Marit', 'Sem', 'Roos', 'Hidde', 'Jasmijn', 'Wouter', 'Anna', 'Tim', 'Evi', 'Gijs'] as const;
export const LAST_NAMES = ['de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', 'van Dijk', 'Schouten', 'Willems', 'Hoekstra', 'Postma', 'Kuipers', 'Veenstra', 'Zijlstra', 'Yilmaz', 'El Amrani', 'Bouzid', 'Ramdin', 'Nguyen', 'Boateng', 'Sastro', 'Haddou', 'Oosterhuis', 'Tjalsma', 'Wolters', 'Scholten', 'Bosma', 'Koster', 'Huisman'] as const;
export const JOBS = ['beleidsadviseur', 'HR-adviseur', 'communicatieadviseur', 'medewerker klantcontact', 'boa', 'handhaver', 'bode', 'buitendienstmedewerker', 'wijkconsulent', 'applicatiebeheerder', 'projectleider', 'jurist', 'vergunningverlener', 'teamleider', 'controller', 'secretaresse', 'data-analist', 'informatieadviseur', 'facilitair medewerker', 'archivaris'] as const;
export const TOPICS = ['verlof', 'ziekmelding', 'declaratie', 'reiskosten', 'parkeren', 'thuiswerken', 'laptop', 'wachtwoord', 'printer', 'vergaderruimte', 'fietsplan', 'opleiding', 'functioneringsgesprek', 'pensioen', 'IKB-budget', 'ontruiming', 'BHV', 'agressie', 'datalek', 'phishing', 'huisstijl', 'persvraag', 'social media', 'integriteit', 'ondernemingsraad', 'vergunning', 'subsidie', 'inkoop', 'archief', 'toegangspas', 'dienstauto', 'werkplek', 'rooster', 'overwerk', 'zwangerschapsverlof', 'mantelzorg', 'vrijwilligerswerk', 'telefoon', 'Teams', 'zaaksysteem'] as const;
export const SYSTEMS = ['het HR-portaal', 'TOPdesk', 'het zaaksysteem', 'Mijn Dossier', 'het declaratieformulier', 'de servicedesk', 'het reserveringssysteem', 'de app Plein'] as const;
export const PLACES = ['het stadhuis', 'de gemeentewerf', 'het servicepunt Noord', 'de kantine', 'de raadzaal', 'het archief', 'de buitendienst'] as const;
const OPENERS = ['Wil je {t} regelen?', 'Heb je een vraag over {t}?', 'Goed om te weten over {t}:', 'Sinds dit jaar is de regeling voor {t} veranderd.', 'Veel collega’s vragen naar {t}.'];
const BODY = [
  'Dat doe je via {s}, meestal binnen twee werkdagen.',
  'Je leidinggevende keurt de aanvraag goed of neemt contact met je op.',
  'Bewaar de bonnetjes en voeg ze toe als bijlage.',
  'Twijfel je? Neem dan contact op met je contactpersoon bij {p}.',
  'De afspraken staan in de cao en in het personeelshandboek.',
  'Voor collega’s in de buitendienst gelden soms andere tijden.',
  'Meld het zo snel mogelijk, dan kunnen we je het beste helpen.',
  'Je vindt het formulier onder Snel naar op de homepage.',
  'Houd rekening met de drukte rond de feestdagen en de zomer.',
  'Na afloop krijg je een bevestiging per e-mail.',
  'Let op: een aanvraag zonder toelichting wordt niet behandeld.',
  'De kosten worden met je salaris van de volgende maand verrekend.',
];
const POSTS = ['Wie heeft er zin in een rondje lopen in de lunchpauze?', 'Te koop: een nette {t}-tas, vraagprijs € 15.', 'Gevonden bij {p}: een sleutelbos met een blauw labeltje.', 'Taart bij de koffiehoek, want ik ben jarig!', 'Top samengewerkt vandaag met het team van {p}.', 'Weet iemand hoe {t} precies werkt in {s}?', 'Vanmiddag storing bij {s}, we kijken ernaar.', 'Wie rijdt er morgen mee naar {p}?'];
const COMMENTS = ['Goed idee!', 'Dank je wel, heel handig.', 'Ik ben erbij.', 'Zelfde vraag hier.', 'Gefeliciteerd!', 'Is al opgelost, dank!', 'Mooi werk, team.', 'Stuur me maar een berichtje.'];

function fill(template: string, r: Random): string {
  return template.replace('{t}', r.pick(TOPICS)).replace('{s}', r.pick(SYSTEMS)).replace('{p}', r.pick(PLACES));
}

/** A paragraph of 3–6 sentences about a topic. */
export function paragraph(r: Random, topic?: string): string {
  const first = OPENERS[r.int(0, OPENERS.length - 1)].replace('{t}', topic ?? r.pick(TOPICS));
  const rest = Array.from({ length: r.int(2, 5) }, () => fill(r.pick(BODY), r));
  return [first, ...rest].join(' ');
}

/** A Markdown document of `sections` headed sections. */
export function article(r: Random, topic: string, sections: number): string {
  const heads = ['Zo werkt het', 'Wat moet je doen?', 'Goed om te weten', 'Uitzonderingen', 'Vragen?', 'Achtergrond', 'Voorbeelden'];
  return r
    .pickSome(heads, sections)
    .map((h) => `## ${h}\n\n${paragraph(r, topic)}\n\n${paragraph(r, topic)}\n`)
    .join('\n');
}

/** A short informal post. */
export function post(r: Random): string {
  return fill(r.pick(POSTS), r) + (r.next() < 0.5 ? ` ${fill(r.pick(BODY), r)}` : '');
}

/** A short comment. */
export function comment(r: Random): string {
  return r.pick(COMMENTS);
}
