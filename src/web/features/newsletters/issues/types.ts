export type IssueStatus = 'draft' | 'sending' | 'paused' | 'sent' | 'cancelled';

export interface IssueSummary {
  id: string;
  subject: string;
  status: IssueStatus;
  listId: string | null;
  recipientCount: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

export interface Segment {
  listIds?: string[];
  members?: { statuses?: string[]; planIds?: string[] };
  territory?: { departments?: string[]; epcis?: string[] };
}

export interface Figures {
  total: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  suppressed: number;
  cancelled: number;
  bounced: number;
  unsubscribed: number;
}

export interface Issue extends IssueSummary {
  networkId: string;
  preheader: string | null;
  senderName: string | null;
  replyTo: string | null;
  bodyMarkdown: string;
  segment: Segment;
  figures?: Figures;
}
