import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { networkOrganizations, networks } from '../accounts/accounts.tables.ts';
import {
  canEditOrganization,
  isCoordinatorOf,
  organizationNetworkIds,
  requireCanEditOrganization,
  requireSignedIn,
} from '../accounts/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { labelOfLegalCategory } from '../company-identity/legal-categories.labels.ts';
import { findNaf } from '../company-identity/naf.ts';
import { communeAncestry, findTerritory } from '../territories/territories.service.ts';
import { organizationDeleted } from './organizations.deleted.ts';
import { renderDescription } from './organizations.markdown.ts';
import {
  type EditableFields,
  editableOf,
  mergeFields,
  type OrganizationRow,
  prepareOrganization,
} from './organizations.rules.ts';
import {
  type CreateOrganizationInput,
  createOrganizationInput,
  type OrganizationDetail,
  type OrganizationSummary,
  parseInput,
  type UpdateOrganizationInput,
  updateOrganizationInput,
} from './organizations.schemas.ts';
import { organizations } from './organizations.tables.ts';

// Create, read, update and delete one organisation. Every write checks the actor's rights, validates and derives
// the row (organizations.rules.ts) and records an audit entry in the same transaction.

type Source = 'manual' | 'sirene' | 'import';

/** Runs `fn` in a transaction, with the transaction typed as the one database type services receive. */
export const inTransaction = <T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> =>
  db.transaction((tx) => fn(tx as unknown as Db));

/** The columns a summary is built from (lists select only these: the search columns are large). */
export const summaryColumns = {
  id: organizations.id,
  name: organizations.name,
  acronym: organizations.acronym,
  essFamily: organizations.essFamily,
  nafCode: organizations.nafCode,
  nafSection: organizations.nafSection,
  headcountBracket: organizations.headcountBracket,
  communeCode: organizations.communeCode,
  departmentCode: organizations.departmentCode,
  postalCode: organizations.postalCode,
  tags: organizations.tags,
  isDemo: organizations.isDemo,
};

export function toSummary(row: Pick<OrganizationRow, keyof typeof summaryColumns>): OrganizationSummary {
  const naf = findNaf(row.nafCode);
  return {
    id: row.id,
    name: row.name,
    acronym: row.acronym,
    essFamily: row.essFamily as OrganizationSummary['essFamily'],
    nafCode: row.nafCode,
    nafSection: row.nafSection,
    nafLabel: naf?.label ?? null,
    headcountBracket: row.headcountBracket,
    communeCode: row.communeCode,
    communeName: row.communeCode ? (communeAncestry(row.communeCode)?.name ?? null) : null,
    departmentCode: row.departmentCode,
    departmentName: row.departmentCode ? (findTerritory(`dep:${row.departmentCode}`)?.name ?? null) : null,
    postalCode: row.postalCode,
    tags: row.tags,
    isDemo: row.isDemo,
  };
}

async function findRow(db: Db, id: string): Promise<OrganizationRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row;
}

async function requireRow(db: Db, id: string): Promise<OrganizationRow> {
  const row = await findRow(db, id);
  if (!row) throw notFound('Organisation introuvable');
  return row;
}

/** The networks an organisation belongs to (id, slug, name). */
async function networksOf(db: Db, organizationId: string) {
  return db
    .select({ id: networks.id, slug: networks.slug, name: networks.name })
    .from(networkOrganizations)
    .innerJoin(networks, eq(networks.id, networkOrganizations.networkId))
    .where(eq(networkOrganizations.organizationId, organizationId))
    .orderBy(networks.name);
}

/** One organisation with everything its page shows; `canEdit` is computed for `actor`. 404 when unknown. */
export async function getOrganization(
  db: Db,
  id: string,
  actor: Actor | null = null,
): Promise<OrganizationDetail> {
  const row = await requireRow(db, id);
  return {
    ...toSummary(row),
    siren: row.siren,
    siret: row.siret,
    legalCategory: row.legalCategory,
    legalCategoryLabel: (await labelOfLegalCategory(db, row.legalCategory)) ?? null,
    esus: row.esus,
    address: row.address,
    website: row.website,
    email: row.email,
    phone: row.phone,
    description: row.description,
    descriptionHtml: renderDescription(row.description),
    source: row.source,
    epciCode: row.epciCode,
    regionCode: row.regionCode,
    networks: await networksOf(db, row.id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    canEdit: await canEditOrganization(db, actor, row.id),
  };
}

/** Summaries for a list of ids (in no particular order; unknown ids are skipped). */
export async function organizationsByIds(db: Db, ids: string[]): Promise<OrganizationSummary[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.select(summaryColumns).from(organizations).where(inArray(organizations.id, valid));
  return rows.map(toSummary);
}

/** The organisation holding a SIRET, if any. */
export async function findBySiret(db: Db, siret: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.siret, siret)).limit(1);
  return row;
}

function duplicateSiret(existing: Pick<OrganizationRow, 'id' | 'name'>) {
  return new AppError(
    'CONFLICT',
    `Une organisation avec ce SIRET existe déjà : « ${existing.name} » (${existing.id})`,
    { siret: `déjà utilisé par « ${existing.name} »` },
    { id: existing.id, name: existing.name },
  );
}

const isUniqueViolation = (err: unknown): boolean => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
};

/** Validates and derives; throws a 400 naming the fields, or a 409 when another organisation has the SIRET. */
async function prepareOrThrow(db: Db, fields: EditableFields, selfId?: string) {
  const prepared = prepareOrganization(fields);
  if (!prepared.ok)
    throw invalidInput(`Données invalides (${Object.keys(prepared.fields).join(', ')})`, prepared.fields);
  if (prepared.row.siret) {
    const existing = await findBySiret(db, prepared.row.siret);
    if (existing && existing.id !== selfId) throw duplicateSiret(existing);
  }
  return prepared.row;
}

/** May the actor create organisations attached to `networkId` (or unattached, for a platform admin)? */
export async function requireCanCreate(db: Db, actor: Actor | null, networkId: string | undefined) {
  const who = requireSignedIn(actor);
  if (networkId) {
    const [network] = await db
      .select({ id: networks.id })
      .from(networks)
      .where(eq(networks.id, networkId))
      .limit(1);
    if (!network) throw invalidInput('Réseau inconnu', { networkId: 'réseau inconnu' });
    if (!(await isCoordinatorOf(db, who, networkId)))
      throw forbidden('Réservé aux coordinateurs de ce réseau');
  } else if (!who.isPlatformAdmin) {
    throw forbidden('Indiquez le réseau auquel rattacher l’organisation (networkId)');
  }
}

/** Inserts a prepared organisation (inside the caller's transaction), attaches it and audits it. */
export async function insertOrganization(
  tx: Db,
  actor: Actor | null,
  fields: EditableFields,
  opts: { source: Source; networkId?: string; isDemo?: boolean; requestId?: string },
): Promise<OrganizationRow> {
  const row = await prepareOrThrow(tx, fields);
  let created: OrganizationRow;
  try {
    [created] = (await tx
      .insert(organizations)
      .values({ ...row, source: opts.source, isDemo: opts.isDemo ?? false })
      .returning()) as [OrganizationRow];
  } catch (err) {
    if (isUniqueViolation(err) && row.siret) {
      const existing = await findBySiret(tx, row.siret);
      if (existing) throw duplicateSiret(existing);
    }
    throw err;
  }
  if (opts.networkId) {
    await tx
      .insert(networkOrganizations)
      .values({ networkId: opts.networkId, organizationId: created.id })
      .onConflictDoNothing();
  }
  await recordAudit(tx, actor, {
    action: 'organization.create',
    entityType: 'organization',
    entityId: created.id,
    networkIds: opts.networkId ? [opts.networkId] : [],
    after: editableOf(created),
    requestId: opts.requestId,
  });
  return created;
}

/** Applies new field values to an existing row (inside the caller's transaction) and audits the change. */
export async function applyOrganizationUpdate(
  tx: Db,
  actor: Actor | null,
  before: OrganizationRow,
  fields: EditableFields,
  opts: { requestId?: string; now: Date },
): Promise<OrganizationRow> {
  const row = await prepareOrThrow(tx, fields, before.id);
  let updated: OrganizationRow;
  try {
    [updated] = (await tx
      .update(organizations)
      .set({ ...row, updatedAt: opts.now })
      .where(eq(organizations.id, before.id))
      .returning()) as [OrganizationRow];
  } catch (err) {
    if (isUniqueViolation(err) && row.siret) {
      const existing = await findBySiret(tx, row.siret);
      if (existing) throw duplicateSiret(existing);
    }
    throw err;
  }
  await recordAudit(tx, actor, {
    action: 'organization.update',
    entityType: 'organization',
    entityId: before.id,
    networkIds: await organizationNetworkIds(tx, before.id),
    before: editableOf(before),
    after: editableOf(updated),
    requestId: opts.requestId,
  });
  return updated;
}

/** Creates an organisation: platform admin, or coordinator of `networkId` (the organisation joins that network). */
export async function createOrganization(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  input: CreateOrganizationInput & { isDemo?: boolean },
  opts: { requestId?: string } = {},
): Promise<OrganizationDetail> {
  const { isDemo, ...rest } = input;
  const parsed = parseInput(createOrganizationInput, rest);
  await requireCanCreate(deps.db, actor, parsed.networkId);
  const created = await inTransaction(deps.db, (tx) =>
    insertOrganization(tx, actor, mergeFields(undefined, parsed), {
      source: parsed.source ?? 'manual',
      networkId: parsed.networkId,
      isDemo,
      requestId: opts.requestId,
    }),
  );
  return getOrganization(deps.db, created.id, actor);
}

/** Updates the given fields (null clears one); the actor must be able to edit the organisation. */
export async function updateOrganization(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  id: string,
  input: UpdateOrganizationInput,
  opts: { requestId?: string } = {},
): Promise<OrganizationDetail> {
  const parsed = parseInput(updateOrganizationInput, input);
  const existing = await requireRow(deps.db, id);
  await requireCanEditOrganization(deps.db, actor, id);
  await inTransaction(deps.db, async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
    if (!before) throw notFound('Organisation introuvable');
    await applyOrganizationUpdate(tx, actor, before, mergeFields(editableOf(before), parsed), {
      requestId: opts.requestId,
      now: deps.clock(),
    });
  });
  return getOrganization(deps.db, existing.id, actor);
}

/** Deletes an organisation (platform admin only). */
export async function deleteOrganization(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  id: string,
  opts: { requestId?: string } = {},
): Promise<void> {
  const who = requireSignedIn(actor);
  if (!who.isPlatformAdmin) throw forbidden('Réservé aux administrateurs de la plateforme');
  await inTransaction(deps.db, async (tx) => {
    const before = await requireRow(tx, id);
    const networkIds = await organizationNetworkIds(tx, id);
    await organizationDeleted(tx, actor, id);
    await tx.delete(organizations).where(and(eq(organizations.id, id)));
    await recordAudit(tx, actor, {
      action: 'organization.delete',
      entityType: 'organization',
      entityId: id,
      networkIds,
      before: editableOf(before),
      requestId: opts.requestId,
    });
  });
}
