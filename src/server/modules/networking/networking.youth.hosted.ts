import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { type CsvCell, toCsv } from '../../lib/csv.ts';
import { invalidInput, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { isCoordinatorOf, requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { actorMemberIds } from './networking.access.ts';
import { youthHosted, youthOffers } from './networking.youth.tables.ts';

// How many young people each member hosted: recorded per offer and per year by the member (or a coordinator),
// counted per year and per member for the network's staff (a page and a CSV for French Excel).

/** Records (or corrects) the young people hosted through an offer in a year; 0 removes nothing, it says none. */
export async function recordHosted(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  offerId: string,
  input: { year: number; count: number },
) {
  const [offer] = isUuid(offerId)
    ? await deps.db.select().from(youthOffers).where(eq(youthOffers.id, offerId))
    : [];
  const allowed =
    offer &&
    ((await isCoordinatorOf(deps.db, actor, offer.networkId)) ||
      (await actorMemberIds(deps.db, actor, offer.networkId, { anyStatus: true })).includes(offer.memberId));
  if (!offer || !allowed) throw notFound('Offre introuvable');
  const thisYear = Number(
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Paris' }).format(deps.clock()),
  );
  if (input.year > thisYear)
    throw invalidInput('Année à venir', { year: 'on ne compte que les jeunes déjà accueillis' });
  if (input.count > offer.places * 20)
    throw invalidInput('Nombre trop élevé', { count: 'ce nombre dépasse de loin les places de l’offre' });
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .insert(youthHosted)
      .values({
        networkId: offer.networkId,
        offerId: offer.id,
        memberId: offer.memberId,
        year: input.year,
        count: input.count,
        createdBy: actor?.accountId ?? null,
      })
      .onConflictDoUpdate({
        target: [youthHosted.offerId, youthHosted.year],
        set: { count: input.count, updatedAt: new Date() },
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'networking.youth-hosted-record',
      entityType: 'youth_offer',
      entityId: offer.id,
      networkIds: [offer.networkId],
      after: { name: offer.occupation, year: input.year, count: input.count },
    });
    return { offerId: offer.id, year: row.year, count: row.count };
  });
}

/** Young people hosted per year and per member of a network (its coordinators), the latest year first. */
export async function hostedCounts(db: Db, actor: Actor | null, networkId: string) {
  const network = await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  const rows = await db
    .select({
      year: youthHosted.year,
      memberId: youthHosted.memberId,
      organizationName: organizations.name,
      count: sql<number>`sum(${youthHosted.count})::int`,
      offers: sql<number>`count(*)::int`,
    })
    .from(youthHosted)
    .innerJoin(members, eq(members.id, youthHosted.memberId))
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(and(eq(youthHosted.networkId, networkId)))
    .groupBy(youthHosted.year, youthHosted.memberId, organizations.name)
    .orderBy(sql`${youthHosted.year} desc`, asc(organizations.name));
  const years = [...new Set(rows.map((r) => r.year))].map((year) => {
    const items = rows.filter((r) => r.year === year);
    return {
      year,
      total: items.reduce((s, r) => s + r.count, 0),
      members: items.map((r) => ({
        memberId: r.memberId,
        organizationName: r.organizationName,
        count: r.count,
        offers: r.offers,
      })),
    };
  });
  return { networkId, networkName: network.name, years };
}

/** The same counts as a CSV file for French Excel (the product's CSV writer: `;`, BOM). */
export async function hostedCsv(db: Db, actor: Actor | null, networkId: string) {
  const { years } = await hostedCounts(db, actor, networkId);
  const rows: CsvCell[][] = years.flatMap((y) =>
    y.members.map((m) => [y.year, m.organizationName, m.count, m.offers]),
  );
  return toCsv(['Année', 'Adhérent', 'Jeunes accueillis', 'Offres'], rows);
}
