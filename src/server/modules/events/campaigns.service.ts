import { and, count, desc, eq, ne } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { conflict, invalidInput, notFound } from '../../lib/errors.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { isCoordinatorOf, requireCoordinatorOf } from '../accounts/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findTerritory } from '../territories/territories.service.ts';
import { type CampaignRow, callIsOpen, loadCampaign } from './events.access.ts';
import { cached, invalidatePublicCache } from './events.cache.ts';
import { renderMarkdown } from './events.markdown.ts';
import { themeCodes } from './events.reference.ts';
import type { CampaignInput } from './events.schemas.ts';
import { campaigns, events } from './events.tables.ts';
import { parseLocalDateTime } from './events.time.ts';

type CampaignDeps = Pick<Deps, 'db' | 'clock'>;

function campaignValues(input: CampaignInput) {
  const errors: Record<string, string> = {};
  if (input.endsOn < input.startsOn) errors.endsOn = 'la fin doit suivre le début';
  const badThemes = input.themes.filter((t) => !themeCodes.has(t));
  if (badThemes.length) errors.themes = `thème inconnu : ${badThemes.join(', ')}`;
  const territory = input.territory ? findTerritory(input.territory) : undefined;
  if (input.territory && !territory) errors.territory = `territoire inconnu : ${input.territory}`;
  const opens = input.callOpensAt ? parseLocalDateTime(input.callOpensAt) : null;
  const closes = input.callClosesAt ? parseLocalDateTime(input.callClosesAt) : null;
  if (opens === undefined) errors.callOpensAt = 'date invalide';
  if (closes === undefined) errors.callClosesAt = 'date invalide';
  if (opens && closes && closes < opens) errors.callClosesAt = 'la clôture doit suivre l’ouverture';
  if (Object.keys(errors).length)
    throw invalidInput(`Campagne invalide (${Object.keys(errors).join(', ')})`, errors);
  return {
    slug: input.slug,
    name: input.name,
    description: input.description ?? null,
    territory: territory?.code ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    themes: input.themes,
    callOpensAt: opens ?? null,
    callClosesAt: closes ?? null,
    status: input.status,
    editsRequireModeration: input.editsRequireModeration,
  };
}

/** Creates a campaign (edition) for a network: its coordinators only. */
export async function createCampaign(
  deps: CampaignDeps,
  actor: Actor | null,
  input: CampaignInput,
  opts: { isDemo?: boolean } = {},
): Promise<CampaignRow> {
  await requireCoordinatorOf(deps.db, actor, input.networkId);
  const values = campaignValues(input);
  const [taken] = await deps.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(eq(campaigns.slug, input.slug));
  if (taken) throw conflict(`L’adresse « ${input.slug} » est déjà prise`);
  const row = await deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(campaigns)
      .values({ ...values, networkId: input.networkId, isDemo: opts.isDemo ?? false })
      .returning();
    await recordAudit(tx as never, actor, {
      action: 'campaign.create',
      entityType: 'campaign',
      entityId: created.id,
      networkIds: [input.networkId],
      after: values,
    });
    return created;
  });
  invalidatePublicCache(deps.db);
  return row;
}

export async function updateCampaign(
  deps: CampaignDeps,
  actor: Actor | null,
  id: string,
  patch: Partial<CampaignInput>,
): Promise<CampaignRow> {
  const current = await loadCampaign(deps.db, id);
  await requireCoordinatorOf(deps.db, actor, current.networkId);
  const merged: CampaignInput = {
    networkId: current.networkId,
    slug: current.slug,
    name: current.name,
    description: current.description,
    territory: current.territory,
    startsOn: current.startsOn,
    endsOn: current.endsOn,
    themes: current.themes,
    callOpensAt: current.callOpensAt?.toISOString() ?? null,
    callClosesAt: current.callClosesAt?.toISOString() ?? null,
    status: current.status as CampaignInput['status'],
    editsRequireModeration: current.editsRequireModeration,
    ...patch,
  };
  const values = campaignValues(merged);
  if (values.slug !== current.slug) {
    const [taken] = await deps.db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(eq(campaigns.slug, values.slug), ne(campaigns.id, id)));
    if (taken) throw conflict(`L’adresse « ${values.slug} » est déjà prise`);
  }
  const row = await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(campaigns)
      .set({ ...values, updatedAt: deps.clock() })
      .where(eq(campaigns.id, id))
      .returning();
    await recordAudit(tx as never, actor, {
      action: 'campaign.update',
      entityType: 'campaign',
      entityId: id,
      networkIds: [current.networkId],
      before: current,
      after: values,
    });
    return updated;
  });
  invalidatePublicCache(deps.db);
  return row;
}

/** The public view of a campaign (its page's data). Drafts are visible to nobody but through the dashboard. */
/** A campaign's page data; a draft is shown only to its network's coordinators (404 for anyone else). */
export async function getPublicCampaign(deps: CampaignDeps, idOrSlug: string, actor: Actor | null = null) {
  const now = deps.clock();
  const campaign = await cached(deps.db, `campaign:${idOrSlug}`, now.getTime(), async () => {
    const c = await loadCampaign(deps.db, idOrSlug);
    return describeCampaign(deps, c, now);
  });
  if (campaign.status === 'draft' && !(await isCoordinatorOf(deps.db, actor, campaign.networkId))) {
    throw notFound(`Campagne introuvable : ${idOrSlug}`);
  }
  return campaign;
}

export async function describeCampaign(deps: Pick<Deps, 'db'>, c: CampaignRow, now: Date) {
  const [network] = await deps.db
    .select({ id: networks.id, slug: networks.slug, name: networks.name })
    .from(networks)
    .where(eq(networks.id, c.networkId));
  const [n] = await deps.db
    .select({ n: count() })
    .from(events)
    .where(and(eq(events.campaignId, c.id), eq(events.status, 'published')));
  return {
    id: c.id,
    networkId: c.networkId,
    network: network ?? null,
    slug: c.slug,
    name: c.name,
    description: c.description,
    descriptionHtml: renderMarkdown(c.description),
    territory: c.territory,
    territoryName: c.territory ? (findTerritory(c.territory)?.name ?? null) : null,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    themes: c.themes,
    callOpensAt: c.callOpensAt?.toISOString() ?? null,
    callClosesAt: c.callClosesAt?.toISOString() ?? null,
    callIsOpen: callIsOpen(c, now),
    status: c.status,
    editsRequireModeration: c.editsRequireModeration,
    publishedEventCount: n?.n ?? 0,
    isDemo: c.isDemo,
  };
}

/** Campaigns that are not drafts, newest first. */
export async function listCampaigns(deps: CampaignDeps) {
  const rows = await deps.db
    .select()
    .from(campaigns)
    .where(ne(campaigns.status, 'draft'))
    .orderBy(desc(campaigns.startsOn))
    .limit(200);
  const now = deps.clock();
  return Promise.all(rows.map((c) => describeCampaign(deps, c, now)));
}
