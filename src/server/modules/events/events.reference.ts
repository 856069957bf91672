// Closed vocabularies of the events module; codes are stored, labels shown (French first).

type Labelled = { code: string; label: { fr: string; en: string } };

export const eventFormats = [
  { code: 'conference', label: { fr: 'Conférence-débat', en: 'Conference and debate' } },
  { code: 'workshop', label: { fr: 'Atelier', en: 'Workshop' } },
  { code: 'visit', label: { fr: 'Visite d’entreprise, portes ouvertes', en: 'Company visit, open day' } },
  { code: 'afterwork', label: { fr: 'Afterwork', en: 'Afterwork' } },
  { code: 'fair', label: { fr: 'Forum, salon', en: 'Forum or fair' } },
  { code: 'training', label: { fr: 'Formation', en: 'Training' } },
  { code: 'business_meeting', label: { fr: 'Rendez-vous d’affaires', en: 'Business meeting' } },
  { code: 'screening', label: { fr: 'Projection', en: 'Screening' } },
  { code: 'festive', label: { fr: 'Culturel, festif', en: 'Cultural or festive' } },
  { code: 'other', label: { fr: 'Autre', en: 'Other' } },
] as const satisfies readonly Labelled[];

export const eventThemes = [
  { code: 'transition', label: { fr: 'Transition écologique', en: 'Ecological transition' } },
  { code: 'employment', label: { fr: 'Emploi et insertion', en: 'Employment and inclusion' } },
  { code: 'food', label: { fr: 'Alimentation durable', en: 'Sustainable food' } },
  { code: 'circular', label: { fr: 'Économie circulaire', en: 'Circular economy' } },
  { code: 'finance', label: { fr: 'Finance solidaire', en: 'Solidarity finance' } },
  { code: 'entrepreneurship', label: { fr: 'Entreprendre en ESS', en: 'ESS entrepreneurship' } },
  { code: 'cooperation', label: { fr: 'Coopération territoriale', en: 'Territorial cooperation' } },
  { code: 'youth', label: { fr: 'Jeunesse et éducation', en: 'Youth and education' } },
  { code: 'care', label: { fr: 'Santé, soin, solidarités', en: 'Health, care, solidarity' } },
  { code: 'culture', label: { fr: 'Culture', en: 'Culture' } },
  { code: 'mobility', label: { fr: 'Mobilité', en: 'Mobility' } },
  { code: 'housing', label: { fr: 'Habitat', en: 'Housing' } },
  { code: 'digital', label: { fr: 'Numérique', en: 'Digital' } },
  { code: 'equality', label: { fr: 'Égalité femmes-hommes', en: 'Gender equality' } },
] as const satisfies readonly Labelled[];

export const eventAudiences = [
  { code: 'general_public', label: { fr: 'Grand public', en: 'General public' } },
  { code: 'professionals', label: { fr: 'Professionnels', en: 'Professionals' } },
  { code: 'youth', label: { fr: 'Jeunes et étudiants', en: 'Young people and students' } },
  { code: 'jobseekers', label: { fr: 'Demandeurs d’emploi', en: 'Jobseekers' } },
  { code: 'local_authorities', label: { fr: 'Collectivités', en: 'Local authorities' } },
] as const satisfies readonly Labelled[];

export const accessibilityKinds = [
  { code: 'motor', label: { fr: 'Handicap moteur', en: 'Motor' } },
  { code: 'visual', label: { fr: 'Handicap visuel', en: 'Visual' } },
  { code: 'hearing', label: { fr: 'Handicap auditif', en: 'Hearing' } },
  { code: 'cognitive', label: { fr: 'Handicap cognitif', en: 'Cognitive' } },
  { code: 'psychic', label: { fr: 'Handicap psychique', en: 'Psychic' } },
] as const satisfies readonly Labelled[];

export const registrationModes = ['none', 'maillage', 'external'] as const;
export const eventStatuses = [
  'draft',
  'submitted',
  'changes_requested',
  'published',
  'rejected',
  'cancelled',
] as const;

export type RegistrationMode = (typeof registrationModes)[number];
export type EventStatus = (typeof eventStatuses)[number];

const codes = (list: readonly Labelled[]) => new Set(list.map((x) => x.code));
export const formatCodes = codes(eventFormats);
export const themeCodes = codes(eventThemes);
export const audienceCodes = codes(eventAudiences);
export const accessibilityCodes = codes(accessibilityKinds);

const labelMap = (list: readonly Labelled[]) => new Map(list.map((x) => [x.code, x.label.fr]));
export const formatLabel = labelMap(eventFormats);
export const themeLabel = labelMap(eventThemes);
export const audienceLabel = labelMap(eventAudiences);
export const accessibilityLabel = labelMap(accessibilityKinds);
