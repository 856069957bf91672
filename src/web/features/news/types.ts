export type NewsCategory = { id: string; name: string };

export type NewsSummary = {
  id: string;
  title: string;
  summary: string;
  categories: NewsCategory[];
  status: 'draft' | 'published';
  publishedAt: string | null;
  isPublic: boolean;
  imageUrl: string | null;
  imageAlt: string | null;
  url: string;
  isDemo: boolean;
};

export type NewsPost = NewsSummary & {
  networkId: string;
  networkSlug: string;
  networkName: string;
  body: string;
  bodyHtml: string;
  updatedAt: string;
  canEdit: boolean;
};

export type NewsList = {
  network: { id: string; slug: string; name: string };
  canEdit: boolean;
  categories: NewsCategory[];
  items: NewsSummary[];
  total: number;
  page: number;
  pageSize: number;
};
