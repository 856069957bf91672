// Schools and young people: the kinds of offer, the school levels, the school year ("season") an offer belongs to.

export const youthKinds = ['internship', 'apprenticeship', 'observation', 'visit'] as const;
export type YouthKind = (typeof youthKinds)[number];
export const youthKindLabels: Record<YouthKind, string> = {
  internship: 'Stage',
  apprenticeship: 'Apprentissage ou alternance',
  observation: 'Stage d’observation (3e)',
  visit: 'Visite d’entreprise',
};

export const youthLevels = ['college', 'lycee', 'bac2', 'licence', 'master', 'any'] as const;
export type YouthLevel = (typeof youthLevels)[number];
export const youthLevelLabels: Record<YouthLevel, string> = {
  college: 'Collège',
  lycee: 'Lycée',
  bac2: 'Bac +2',
  licence: 'Bac +3',
  master: 'Bac +5',
  any: 'Tous niveaux',
};

export const youthStatuses = ['published', 'closed'] as const;
export type YouthStatus = (typeof youthStatuses)[number];

/** The school year a Paris day falls in, from 1 September: "2026-2027". */
export function seasonOf(day: string) {
  const year = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 9 ? year : year - 1;
  return { label: `${start}-${start + 1}`, startsOn: `${start}-09-01`, endsOn: `${start + 1}-08-31` };
}

/** An offer is of the season when it is published and not over (no end date, or one still to come). */
export const isCurrent = (o: { status: string; endsOn: string | null }, today: string) =>
  o.status === 'published' && (o.endsOn === null || o.endsOn >= today);

/** The relations log's summary of a school's answer. */
export const answerSummary = (a: {
  organizationName: string;
  occupation: string;
  kindLabel: string;
  youngPeople: number;
  message: string;
}) =>
  `Réponse à l’offre « ${a.occupation} » (${a.kindLabel.toLowerCase()}) de ${a.organizationName} : intérêt pour ${a.youngPeople} jeune${a.youngPeople > 1 ? 's' : ''}. ${a.message}`;
