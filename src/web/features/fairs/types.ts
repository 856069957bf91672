export interface Fair {
  id: string;
  eventId: string;
  networkId: string;
  name: string;
  description: string | null;
  zones: string[];
  applicationsOpen: boolean;
  applicationsCloseAt: string | null;
  exhibitorCount: number;
  isDemo: boolean;
  event: {
    id: string;
    title: string;
    startsAt: string;
    endsAt: string;
    venueName: string | null;
    communeName: string | null;
  };
}

export interface Exhibitor {
  id: string;
  organizationId: string;
  name: string;
  acronym: string | null;
  essFamily: string | null;
  communeName: string | null;
  departmentCode: string | null;
  pitch: string;
  standZone: string | null;
  standNumber: number | null;
  directoryUrl: string;
}

export interface Application {
  id: string;
  fairId: string;
  organizationId: string;
  organizationName?: string;
  pitch: string;
  needsTable: boolean;
  needsPower: boolean;
  needsOther: string | null;
  status: 'pending' | 'accepted' | 'rejected' | 'withdrawn';
  decisionMessage: string | null;
  decidedAt: string | null;
  contactName: string;
  contactEmail: string;
  standZone: string | null;
  standNumber: number | null;
  withdrawnAt: string | null;
  withdrawalMessage: string | null;
  createdAt: string;
}
