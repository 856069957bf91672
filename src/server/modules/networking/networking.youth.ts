import { and, asc, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { isCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { searchAppellations } from '../gtec/rome.service.ts';
import { parisToday } from '../memberships/memberships.rules.ts';
import { members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { canonicalTerritoryCode, findTerritory } from '../territories/territories.service.ts';
import { actorMemberIds, requireActFor, requireParticipant } from './networking.access.ts';
import {
  isCurrent,
  seasonOf,
  type YouthKind,
  type YouthLevel,
  type YouthStatus,
  youthKindLabels,
  youthLevelLabels,
} from './networking.youth.rules.ts';
import { youthOffers } from './networking.youth.tables.ts';

// Offers to young people (internships, apprenticeships, job-shadowing, company visits) that a member publishes.
// Who sees what: the network's coordinators every offer; a member its own; the school contacts of the relations
// log (through their personal link, networking.youth.schools.ts) the season's published offers; anyone the
// season's published offers the member made public, with its contact person only if the member chose so.

export type YouthOfferInput = {
  memberId: string;
  kind: YouthKind;
  occupation?: string | null;
  romeCode?: string | null;
  romeAppellation?: string | null;
  description: string;
  startsOn?: string | null;
  endsOn?: string | null;
  period?: string | null;
  places: number;
  commune?: string | null;
  level: YouthLevel;
  contactName: string;
  contactEmail: string;
  contactPhone?: string | null;
  isPublic: boolean;
  publicContact: boolean;
};

export type YouthOffer = typeof youthOffers.$inferSelect;
type Row = YouthOffer & { organizationName: string };

function checkCommune(input: string | null | undefined, fallback: string | null) {
  const raw = input?.trim() || fallback;
  const code = raw ? canonicalTerritoryCode(raw) : undefined;
  const t = code ? findTerritory(code) : undefined;
  if (t?.level !== 'commune')
    throw invalidInput('Commune inconnue', {
      commune: 'indiquez la commune où les jeunes seront accueillis',
    });
  return t.code;
}

function checkDates(input: Pick<YouthOfferInput, 'startsOn' | 'endsOn' | 'period'>, today: string) {
  if (!input.startsOn && !input.endsOn && !input.period?.trim())
    throw invalidInput('Dates ou période manquantes', { period: 'indiquez des dates ou une période' });
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn)
    throw invalidInput('Dates incohérentes', { endsOn: 'la fin est avant le début' });
  if (input.endsOn && input.endsOn < today)
    throw invalidInput('Offre déjà terminée', { endsOn: 'la date de fin est déjà passée' });
}

type Occupation = { occupation: string; romeCode: string | null; romeLabel: string | null };

/**
 * The occupation: a job title of the ROME referential (the code and the title's code, the title and the code's
 * label read from the referential), else the free text given; a 400 naming the field otherwise.
 */
async function resolveOccupation(
  db: Db,
  input: Pick<YouthOfferInput, 'occupation' | 'romeCode' | 'romeAppellation'>,
): Promise<Occupation> {
  if (input.romeCode) {
    const titles = await searchAppellations(db, input.romeCode, 1000);
    if (titles.length === 0)
      throw invalidInput('Code ROME inconnu', {
        romeCode: `code ROME ${input.romeCode} inconnu du référentiel : choisissez le métier dans la liste`,
      });
    const title = input.romeAppellation ? titles.find((t) => t.code === input.romeAppellation) : undefined;
    if (input.romeAppellation && !title)
      throw invalidInput('Intitulé ROME inconnu', {
        romeAppellation: `cet intitulé n’appartient pas au code ROME ${input.romeCode}`,
      });
    return {
      occupation: title?.label ?? input.occupation?.trim() ?? titles[0].romeLabel,
      romeCode: input.romeCode,
      romeLabel: titles[0].romeLabel,
    };
  }
  if (!input.occupation?.trim())
    throw invalidInput('Métier manquant', {
      occupation: 'métier obligatoire : choisissez un intitulé dans la liste',
    });
  return { occupation: input.occupation.trim(), romeCode: null, romeLabel: null };
}

const values = (input: Omit<YouthOfferInput, 'memberId'>, communeCode: string, occupation: Occupation) => ({
  kind: input.kind,
  ...occupation,
  description: input.description,
  startsOn: input.startsOn ?? null,
  endsOn: input.endsOn ?? null,
  period: input.period?.trim() || null,
  places: input.places,
  communeCode,
  level: input.level,
  contactName: input.contactName,
  contactEmail: input.contactEmail.toLowerCase(),
  contactPhone: input.contactPhone ?? null,
  isPublic: input.isPublic,
  publicContact: input.isPublic && input.publicContact,
});

/** Publishes an offer for a member in good standing (the member itself, or a coordinator on its behalf). */
export async function createYouthOffer(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  input: YouthOfferInput,
) {
  await requireNetwork(deps.db, networkId);
  await requireActFor(deps.db, actor, networkId, input.memberId);
  const member = await requireParticipant(deps.db, networkId, input.memberId, 'memberId');
  checkDates(input, parisToday(deps.clock()));
  const communeCode = checkCommune(input.commune, member.communeCode);
  const occupation = await resolveOccupation(deps.db, input);
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .insert(youthOffers)
      .values({
        networkId,
        memberId: member.id,
        ...values(input, communeCode, occupation),
        createdBy: actor?.accountId ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'networking.youth-offer-create',
      entityType: 'youth_offer',
      entityId: row.id,
      networkIds: [networkId],
      after: { name: row.occupation, kind: row.kind, places: row.places, isPublic: row.isPublic },
    });
    return row;
  });
}

async function loadOffer(db: Db, offerId: string): Promise<Row | undefined> {
  if (!isUuid(offerId)) return undefined;
  const [row] = await db
    .select({ offer: youthOffers, organizationName: organizations.name })
    .from(youthOffers)
    .innerJoin(members, eq(members.id, youthOffers.memberId))
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(eq(youthOffers.id, offerId));
  return row ? { ...row.offer, organizationName: row.organizationName } : undefined;
}

/** May the actor manage this offer (its member or the network's coordinators)? */
async function canManage(db: Db, actor: Actor | null, row: YouthOffer) {
  if (await isCoordinatorOf(db, actor, row.networkId)) return true;
  return (await actorMemberIds(db, actor, row.networkId, { anyStatus: true })).includes(row.memberId);
}

/** What a reader sees of an offer; the contact person only for `withContact`. */
export function offerView(row: Row, withContact: boolean) {
  return {
    id: row.id,
    networkId: row.networkId,
    memberId: row.memberId,
    organizationName: row.organizationName,
    kind: row.kind,
    kindLabel: youthKindLabels[row.kind as YouthKind] ?? row.kind,
    occupation: row.occupation,
    romeCode: row.romeCode,
    romeLabel: row.romeLabel,
    description: row.description,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    period: row.period,
    places: row.places,
    communeCode: row.communeCode,
    communeName: findTerritory(row.communeCode)?.name ?? null,
    level: row.level,
    levelLabel: youthLevelLabels[row.level as YouthLevel] ?? row.level,
    isPublic: row.isPublic,
    publicContact: row.publicContact,
    status: row.status,
    contact: withContact ? { name: row.contactName, email: row.contactEmail, phone: row.contactPhone } : null,
    isDemo: row.isDemo,
    createdAt: row.createdAt,
  };
}
export type YouthOfferView = ReturnType<typeof offerView>;

/** One offer: in full for its member and the coordinators; a public one of the season for anyone; else a 404. */
export async function getYouthOffer(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, offerId: string) {
  const row = await loadOffer(deps.db, offerId);
  if (!row) throw notFound('Offre introuvable');
  if (await canManage(deps.db, actor, row)) return { ...offerView(row, true), canManage: true };
  if (row.isPublic && isCurrent(row, parisToday(deps.clock())))
    return { ...offerView(row, row.publicContact), canManage: false };
  throw notFound('Offre introuvable');
}

/** Edits an offer, or closes and reopens it (its member or a coordinator). */
export async function updateYouthOffer(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  offerId: string,
  input: Omit<YouthOfferInput, 'memberId'> & { status: YouthStatus },
) {
  const row = await loadOffer(deps.db, offerId);
  if (!row || !(await canManage(deps.db, actor, row))) throw notFound('Offre introuvable');
  if (input.status === 'published') checkDates(input, parisToday(deps.clock()));
  const communeCode = checkCommune(input.commune, row.communeCode);
  // An offer kept on the same ROME code without a title chosen again keeps its title.
  const occupation =
    input.romeCode && input.romeCode === row.romeCode && !input.romeAppellation
      ? { occupation: row.occupation, romeCode: row.romeCode, romeLabel: row.romeLabel }
      : await resolveOccupation(deps.db, input);
  await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [after] = await tx
      .update(youthOffers)
      .set({ ...values(input, communeCode, occupation), status: input.status, updatedAt: new Date() })
      .where(eq(youthOffers.id, offerId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'networking.youth-offer-update',
      entityType: 'youth_offer',
      entityId: offerId,
      networkIds: [row.networkId],
      before: { name: row.occupation, status: row.status, places: row.places, isPublic: row.isPublic },
      after: { name: after.occupation, status: after.status, places: after.places, isPublic: after.isPublic },
    });
  });
}

/** Offers of a network, newest first, with a filter and the contact shown or not. */
export async function offersOf(db: Db, networkId: string, where?: SQL) {
  const rows = await db
    .select({ offer: youthOffers, organizationName: organizations.name })
    .from(youthOffers)
    .innerJoin(members, eq(members.id, youthOffers.memberId))
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(and(eq(youthOffers.networkId, networkId), where))
    .orderBy(asc(youthOffers.startsOn), desc(youthOffers.createdAt));
  return rows.map((r) => ({ ...r.offer, organizationName: r.organizationName }));
}

/**
 * The offers of a network as the actor may see them: every one for its coordinators, its own (and the public ones
 * of the season) for a member, the public ones of the season for anyone else.
 */
export async function listYouthOffers(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
) {
  const network = await requireNetwork(deps.db, networkId);
  const today = parisToday(deps.clock());
  const season = seasonOf(today);
  const base = { networkId, networkName: network.name, season: season.label };
  if (await isCoordinatorOf(deps.db, actor, networkId)) {
    const rows = await offersOf(deps.db, networkId);
    return {
      ...base,
      role: 'coordinator' as const,
      items: rows.map((r) => ({ ...offerView(r, true), mine: false })),
    };
  }
  const mine = await actorMemberIds(deps.db, actor, networkId, { anyStatus: true });
  const rows = await offersOf(
    deps.db,
    networkId,
    or(
      mine.length ? inArray(youthOffers.memberId, mine) : undefined,
      and(eq(youthOffers.isPublic, true), eq(youthOffers.status, 'published')),
    ),
  );
  const items = rows
    .filter((r) => mine.includes(r.memberId) || isCurrent(r, today))
    .map((r) => {
      const own = mine.includes(r.memberId);
      return { ...offerView(r, own || r.publicContact), mine: own };
    });
  return { ...base, role: mine.length ? ('member' as const) : ('none' as const), items };
}
