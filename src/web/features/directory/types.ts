/** Shapes of the organizations API (see /work/notes contracts and src/server/modules/organizations). */
export interface OrganizationSummary {
  id: string;
  name: string;
  acronym: string | null;
  essFamily: string;
  nafCode: string | null;
  nafSection: string | null;
  nafLabel: string | null;
  headcountBracket: string | null;
  communeCode: string | null;
  communeName: string | null;
  departmentCode: string | null;
  departmentName: string | null;
  postalCode: string | null;
  tags: string[];
  isDemo: boolean;
}

export interface Organization extends OrganizationSummary {
  siren: string | null;
  siret: string | null;
  legalCategory: string | null;
  legalCategoryLabel: string | null;
  esus: boolean;
  address: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  description: string | null;
  descriptionHtml: string | null;
  source: string;
  epciCode: string | null;
  regionCode: string | null;
  networks: { id: string; slug: string; name: string }[];
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
}

export interface OrganizationPage {
  items: OrganizationSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** A label the server gives either in both languages or in French only. */
export type Label = string | { fr: string; en: string };

export interface IdentityReference {
  essFamilies: { code: string; label: Label }[];
  headcountBrackets: { code: string; label: Label }[];
  nafSections: { code: string; label: Label }[];
  legalCategories?: { code: string; label: Label }[];
}

export interface NafItem {
  code: string;
  label: string;
  section: string;
}
