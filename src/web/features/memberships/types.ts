// Shapes of the memberships API answers, as the pages use them.

export interface Plan {
  id: string;
  name: string;
  description: string | null;
  priceCents: number;
  vatRateBp: number | null;
  contactsLimit: number | null;
  periodKind: string;
  active: boolean;
}
export interface Settings {
  networkName: string;
  legalName: string;
  termsText: string;
  termsVersion: string;
  iban: string | null;
  paymentInstructions: string | null;
}
export interface MemberListItem {
  id: string;
  organizationId: string;
  name: string;
  siret: string | null;
  status: string;
  statusSince: string;
  memberSince: string | null;
  planName: string | null;
  periodStartsOn: string | null;
  periodEndsOn: string | null;
  periodState: string | null;
}
export interface Period {
  id: string;
  planName: string;
  startsOn: string;
  endsOn: string;
  kind: string;
  amountCents: number;
  vatRateBp: number | null;
  state: string;
  paidOn: string | null;
  paidCents: number;
  dueCents: number;
}
export interface MemberDetail {
  id: string;
  networkId: string;
  status: string;
  statusSince: string;
  memberSince: string | null;
  canManage: boolean;
  /** Who sees what of this member in the members' directory. */
  visibility: Record<DirectoryField, Audience>;
  sponsor: { id: string; name: string } | null;
  organization?: { id: string; name: string; siret: string | null };
  periods: Period[];
  statusHistory: { fromStatus: string | null; toStatus: string; on: string; reason: string | null }[];
  contacts: {
    id: string;
    name: string;
    role: string;
    email: string | null;
    phone: string | null;
    accountId: string | null;
  }[];
  payments: {
    id: string;
    periodId: string;
    amountCents: number;
    method: string;
    paidOn: string;
    reference: string | null;
  }[];
  documents: {
    number: string;
    kind: string;
    issuedAt: string;
    amountCents: number;
    cancelledBy: string | null;
  }[];
}
export interface MembershipApplication {
  id: string;
  organizationName: string;
  siret: string | null;
  planId: string;
  contacts: { name: string; role: string; email?: string | null; phone?: string | null }[];
  applicantEmail: string;
  message: string | null;
  termsVersion: string;
  consentedAt: string;
  status: string;
  memberId: string | null;
  createdAt: string;
}

/** Cents as euros for the locale: 36000 → "360,00 €". */
export const money = (cents: number, locale: string) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );

/** The personal renewal link's answer (`GET /api/membership-renewal/:token`). */
export interface Renewal {
  networkName: string;
  organizationName: string;
  planName: string;
  startsOn: string;
  endsOn: string;
  state: 'called' | 'paid' | 'cancelled';
  amountCents: number;
  dueCents: number;
  callNumber: string | null;
  documents: { number: string; kind: 'call' | 'receipt' | 'credit_note' }[];
  memberStatus: string;
  iban: string | null;
  bic: string | null;
  paymentInstructions: string | null;
}

export const directoryFields = [
  'listed',
  'memberSince',
  'contactNames',
  'contactEmails',
  'contactPhones',
] as const;
export type DirectoryField = (typeof directoryFields)[number];
export const audiences = ['public', 'members', 'staff'] as const;
export type Audience = (typeof audiences)[number];
export interface DirectoryPage {
  network: { id: string; name: string };
  viewer: Audience;
  total: number;
  page: number;
  pageSize: number;
  items: {
    memberId: string | null;
    organizationId: string;
    name: string;
    communeName: string | null;
    website: string | null;
    memberSince: string | null;
    contacts: { name: string | null; role: string; email: string | null; phone: string | null }[];
  }[];
}
