import { normalizeName } from '../territories/territories.service.ts';

// The relations log's closed lists and how they read in French.

export const contactKinds = ['elected', 'public_body', 'partner', 'school'] as const;
export type ContactKind = (typeof contactKinds)[number];
export const contactKindLabels: Record<ContactKind, string> = {
  elected: 'Élu',
  public_body: 'Organisme public',
  partner: 'Partenaire',
  school: 'Établissement scolaire',
};

export const interactionKinds = ['meeting', 'call', 'letter', 'event'] as const;
export type InteractionKind = (typeof interactionKinds)[number];
export const interactionKindLabels: Record<InteractionKind, string> = {
  meeting: 'Rendez-vous',
  call: 'Appel',
  letter: 'Courrier',
  event: 'Événement',
};

/** The register's files this product reads, by the territory each mandate belongs to. */
export const mandateKinds = ['municipal', 'epci', 'departmental', 'regional'] as const;
export type MandateKind = (typeof mandateKinds)[number];

/** A plain councillor has no function in the register: name their mandate instead. */
export function mandateSentence(mandate: MandateKind, functionLabel: string | null, sex: string | null) {
  if (functionLabel) return functionLabel;
  const f = sex === 'F';
  switch (mandate) {
    case 'municipal':
      return f ? 'Conseillère municipale' : 'Conseiller municipal';
    case 'epci':
      return f ? 'Conseillère communautaire' : 'Conseiller communautaire';
    case 'departmental':
      return f ? 'Conseillère départementale' : 'Conseiller départemental';
    case 'regional':
      return f ? 'Conseillère régionale' : 'Conseiller régional';
  }
}

/** The text a contact is searched by: folded like the queries (lower case, no accents). */
export const contactSearchText = (c: {
  name: string;
  role?: string | null;
  organizationName?: string | null;
}) => normalizeName([c.name, c.role, c.organizationName].filter(Boolean).join(' '));

/** The words of a query, folded. */
export const queryWords = (q: string) => normalizeName(q).split(' ').filter(Boolean).slice(0, 8);
