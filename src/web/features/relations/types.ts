export type ContactItem = {
  id: string;
  kind: string;
  kindLabel: string;
  name: string;
  role: string | null;
  organizationName: string | null;
  territoryName: string | null;
  source: string;
  mandateEnded: boolean;
  isDemo: boolean;
};

export type Contact = Omit<ContactItem, 'mandateEnded'> & {
  networkId: string;
  email: string | null;
  phone: string | null;
  territoryCode: string | null;
  organizationId: string | null;
  directoryName: string | null;
  notes: string | null;
  mandates: {
    label: string;
    territoryName: string;
    startedOn: string | null;
    endedOn: string | null;
    current: boolean;
  }[];
};

export type TimelineItem = {
  id: string;
  kind: string;
  on: string;
  summary: string;
  topics: string[];
  territoryName: string | null;
  people: { id: string; name: string }[];
  organizations: { id: string; name: string }[];
  tasks: { id: string; title: string; dueOn: string | null; ownerName: string; done: boolean }[];
  isDemo: boolean;
};

export type OpenTask = {
  id: string;
  networkId: string;
  networkName: string;
  title: string;
  dueOn: string | null;
  overdue: boolean;
  contactId: string | null;
  contactName: string | null;
  isDemo: boolean;
};

export type RelationsContext = {
  networkId: string;
  networkName: string;
  coordinators: { accountId: string; name: string }[];
};
