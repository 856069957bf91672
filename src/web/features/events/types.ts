/** Shapes of the events API (src/server/modules/events/events.schemas.ts). */
export interface Labelled {
  code: string;
  label: { fr: string; en: string };
}
export interface EventsReference {
  formats: Labelled[];
  themes: Labelled[];
  audiences: Labelled[];
  accessibility: Labelled[];
}
export interface EventSummary {
  id: string;
  title: string;
  summary: string | null;
  format: string;
  themes: string[];
  audiences: string[];
  startsAt: string;
  endsAt: string;
  isRecurring: boolean;
  recurrenceRule: string | null;
  venueName: string | null;
  communeCode: string | null;
  communeName: string | null;
  departmentCode: string | null;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
  accessibility: string[];
  isFree: boolean;
  priceText: string | null;
  registrationMode: string;
  capacity: number | null;
  membersOnly: boolean;
  seatsLeft: number | null;
  status: string;
  campaignId: string | null;
  organizers: { id: string; name: string }[];
  imageUrl: string | null;
  isDemo: boolean;
}
export interface EventDetail extends EventSummary {
  description: string | null;
  descriptionHtml: string;
  upcomingOccurrences: { startsAt: string; endsAt: string }[];
  venueAddress: string | null;
  postalCode: string | null;
  registrationUrl: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  networkId: string;
  network: { id: string; slug: string; name: string };
  recurrenceExceptions: string[];
  campaign: { id: string; slug: string; name: string } | null;
  manage?: {
    canEdit: boolean;
    canModerate: boolean;
    moderationMessage: string | null;
    pendingEdit: Record<string, unknown> | null;
    pendingEditStatus: string | null;
    start: string;
    end: string;
  };
}
export interface EventPage {
  items: EventSummary[];
  total: number;
  page: number;
  pageSize: number;
}
export interface ManagedEvent {
  id: string;
  title: string;
  summary: string | null;
  status: string;
  pendingEditStatus: string | null;
  moderationMessage: string | null;
  startsAt: string;
  communeName: string | null;
  departmentCode: string | null;
  campaignId: string | null;
  organizers: { id: string; name: string }[];
  submittedAt: string | null;
}
export interface Campaign {
  id: string;
  networkId: string;
  network: { id: string; slug: string; name: string } | null;
  slug: string;
  name: string;
  description: string | null;
  descriptionHtml: string;
  territory: string | null;
  territoryName: string | null;
  startsOn: string;
  endsOn: string;
  themes: string[];
  callIsOpen: boolean;
  callOpensAt: string | null;
  callClosesAt: string | null;
  status: string;
  editsRequireModeration: boolean;
  publishedEventCount: number;
  isDemo: boolean;
}
export interface Bucket {
  code: string;
  label: string;
  events: number;
}
export interface Dashboard {
  campaign: { id: string; slug: string; name: string; territory: string | null };
  totals: Record<string, number>;
  byDepartment: Bucket[];
  byTheme: Bucket[];
  byFormat: Bucket[];
  byAudience: Bucket[];
  registrations: {
    confirmed: number;
    waitlisted: number;
    checkedIn: number;
    withRegistration: number;
    capacity: number;
  } | null;
  coverage: {
    departments: { total: number; covered: number; without: { code: string; name: string }[] };
    epci: {
      total: number;
      covered: number;
      without: { code: string; name: string; departmentCode: string; departmentName: string }[];
    };
  };
  queue: {
    id: string;
    title: string;
    status: string;
    pendingEditStatus: string | null;
    submittedAt: string | null;
    communeName: string | null;
  }[];
}

/** GET /api/events/publishing: where the actor may publish, and for whom. */
export interface PublishingNetwork {
  id: string;
  slug: string;
  name: string;
  asCoordinator: boolean;
  organizations: { id: string; name: string }[];
}
