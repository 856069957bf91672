export type Counts = { pending: number; confirmed: number; unsubscribed: number };
export type NewsletterList = {
  id: string;
  networkId: string;
  name: string;
  description: string | null;
  visibility: 'public' | 'private';
  consentText: string;
  consentVersion: string;
  senderName: string | null;
  replyTo: string | null;
  archived: boolean;
  isDemo: boolean;
  counts: Counts;
};
export type Subscriber = {
  id: string;
  email: string;
  name: string | null;
  status: 'pending' | 'confirmed' | 'unsubscribed';
  legalBasis: string;
  source: string;
  consentVersion: string | null;
  consentedAt: string | null;
  ip: string | null;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  unsubscribedHow: string | null;
  isDemo: boolean;
};
export type ImportReport = {
  dryRun: boolean;
  lines: number;
  imported: number;
  alreadySubscribed: number;
  refused: { line: number; email: string; reason: string }[];
  problems: { line: number; reason: string }[];
};
