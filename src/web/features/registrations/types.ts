export interface RegistrationSummary {
  eventId: string;
  registrationMode: 'none' | 'maillage' | 'external' | string;
  registrationUrl: string | null;
  membersOnly: boolean;
  open: boolean;
  reason?: string;
  capacity: number | null;
  recurring: boolean;
  confirmed: number;
  waitlisted: number;
  seatsLeft: number | null;
  /** The dates one can register for (a recurring event: the next few), with their figures. */
  occurrences: {
    startsAt: string;
    endsAt: string;
    confirmed: number;
    waitlisted: number;
    seatsLeft: number | null;
  }[];
}

export interface RegistrationAnswer {
  id: string;
  /** confirmation-sent: a members-only event, asked for with an address; a link was mailed if it is a member's. */
  status: 'confirmed' | 'waitlisted' | 'confirmation-sent';
  position?: number;
  manageToken?: string;
}

export interface Ticket {
  id: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  /** Who cancelled a cancelled registration: the person, the event's cancellation, or an edit removing its date. */
  cancelReason: 'registrant' | 'event_cancelled' | 'date_removed' | null;
  position?: number;
  name: string;
  email: string;
  organization: string | null;
  checkedInAt: string | null;
  checkinToken: string | null;
  /** The date registered for. */
  occurrence: { startsAt: string; endsAt: string };
  event: {
    id: string;
    title: string;
    startsAt: string;
    endsAt: string;
    timezone: string;
    venueName: string | null;
    venueAddress: string | null;
    communeName: string | null;
    onlineUrl: string | null;
    status: string;
  };
}

export interface Registrant {
  id: string;
  seq: number;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  position?: number;
  name: string;
  email: string;
  organization: string | null;
  accessibilityNeeds: string | null;
  createdAt: string;
  promotedAt: string | null;
  cancelledAt: string | null;
  cancelReason: 'registrant' | 'event_cancelled' | 'date_removed' | null;
  checkedInAt: string | null;
  isDemo: boolean;
}

export interface RegistrantList {
  event: { id: string; title: string; startsAt: string; capacity: number | null; recurring: boolean };
  /** The date listed, and the dates one can pick. */
  occurrence: string;
  occurrences: {
    startsAt: string;
    confirmed: number;
    waitlisted: number;
    cancelled: number;
    checkedIn: number;
  }[];
  counts: { confirmed: number; waitlisted: number; cancelled: number; checkedIn: number };
  items: Registrant[];
}

export interface CheckInAnswer {
  id: string;
  name: string;
  organization: string | null;
  checkedInAt: string;
  alreadyCheckedIn: boolean;
}
