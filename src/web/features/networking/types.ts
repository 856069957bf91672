export type Role = 'coordinator' | 'member' | 'none';

export type Post = {
  id: string;
  networkId: string;
  memberId: string;
  organizationName: string;
  kind: 'offer' | 'need';
  title: string;
  body: string;
  category: string;
  nafSection: string | null;
  sectorLabel: string | null;
  territoryCode: string | null;
  territoryName: string | null;
  expiresOn: string;
  visibility: 'members' | 'public';
  expired: boolean;
  mine: boolean;
  isDemo: boolean;
};

export type Suggestion = {
  type: 'offer' | 'member';
  memberId: string;
  organizationName: string;
  postId: string | null;
  title: string | null;
  reason: string;
};

export type ExchangeContext = {
  networkId: string;
  networkName: string;
  role: Role;
  members: { id: string; organizationName: string }[];
};

export type IntroductionView = {
  id: string;
  networkName: string;
  organizationName: string;
  otherOrganizationName: string;
  message: string | null;
  postId: string | null;
  postTitle: string | null;
  myAnswer: 'pending' | 'accepted' | 'declined';
  status: 'pending' | 'accepted' | 'declined';
  contacts: { name: string; email: string | null; phone: string | null }[];
  outcome: string | null;
};

export const categories = [
  'supply',
  'service',
  'skills',
  'equipment',
  'subcontracting',
  'recruitment',
  'other',
] as const;
