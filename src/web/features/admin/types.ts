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
  action: string;
  entityType: string;
  entityId: string | null;
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
  status: string;
  kind: string;
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
