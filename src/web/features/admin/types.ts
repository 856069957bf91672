export interface Network {
  id: string;
  slug: string;
  name: string;
  kind: string;
  territory: string | null;
  description: string | null;
  website?: string | null;
  isDemo: boolean;
}

export interface Member {
  accountId: string;
  email: string;
  name: string;
  role: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorLabel: string | null;
  /** The person's name (null for the system). */
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The name of what the entry is about, when known. */
  subject: string | null;
  networkIds?: string[];
  before: unknown;
  after: unknown;
}

export interface OutboxMail {
  id: string;
  createdAt: string;
  to: string;
  subject: string;
  text: string;
  /** queued (to be sent) | sent | failed (given up) | kept (no SMTP server) */
  status: string;
  kind: string;
  attempts: number;
  /** A queued mail's next try. */
  nextAttemptAt: string | null;
  sentAt: string | null;
  /** Why the last failed attempt failed. */
  error?: string | null;
}

export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  created: number;
  updated: number;
  errors: { line: number; field: string; reason: string }[];
  ignoredColumns?: string[];
}
