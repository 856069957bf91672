import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { toCsv } from '../../lib/csv.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { organizationsByIds } from '../organizations/organizations.service.ts';
import { requireFair, requireVisibleFair } from './fairs.service.ts';
import { fairExhibitors } from './fairs.tables.ts';

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Accepted exhibitors, by stand (zone, number) then name, each linked to its directory page. Public once the fair's event is. */
export async function publicExhibitors(db: Db, actor: Actor | null, fairId: string) {
  const fair = await requireVisibleFair(db, actor, fairId);
  const rows = await db
    .select()
    .from(fairExhibitors)
    .where(and(eq(fairExhibitors.fairId, fairId), eq(fairExhibitors.status, 'accepted')))
    .orderBy(asc(fairExhibitors.standZone), asc(fairExhibitors.standNumber));
  const orgs = new Map(
    (
      await organizationsByIds(
        db,
        rows.map((r) => r.organizationId),
      )
    ).map((o) => [o.id, o]),
  );
  const items = rows.map((r) => {
    const o = orgs.get(r.organizationId);
    return {
      id: r.id,
      organizationId: r.organizationId,
      name: o?.name ?? '?',
      acronym: o?.acronym ?? null,
      essFamily: o?.essFamily ?? null,
      communeName: o?.communeName ?? null,
      departmentCode: o?.departmentCode ?? null,
      pitch: r.pitch,
      standZone: r.standZone,
      standNumber: r.standNumber,
      directoryUrl: `/annuaire/${r.organizationId}`,
    };
  });
  items.sort(
    (a, b) =>
      collator.compare(a.standZone ?? '\uffff', b.standZone ?? '\uffff') ||
      (a.standNumber ?? 1e9) - (b.standNumber ?? 1e9) ||
      collator.compare(a.name, b.name),
  );
  return { fair: { id: fair.id, name: fair.name, zones: fair.zones }, items };
}

const statusLabel: Record<string, string> = {
  pending: 'en attente',
  accepted: 'acceptée',
  rejected: 'non retenue',
  withdrawn: 'retirée',
};

/** Every application with its needs, decision and stand, for the coordinators' logistics. */
export async function exhibitorsCsv(db: Db, actor: Actor | null, fairId: string) {
  const fair = await requireFair(db, fairId);
  await requireCoordinatorOf(db, actor, fair.networkId);
  const rows = await db
    .select()
    .from(fairExhibitors)
    .where(eq(fairExhibitors.fairId, fairId))
    .orderBy(asc(fairExhibitors.standZone), asc(fairExhibitors.standNumber), asc(fairExhibitors.createdAt));
  const orgs = new Map(
    (
      await organizationsByIds(
        db,
        rows.map((r) => r.organizationId),
      )
    ).map((o) => [o.id, o]),
  );
  const csv = toCsv(
    [
      'zone',
      'stand',
      'organisation',
      'commune',
      'departement',
      'statut',
      'table',
      'electricite',
      'autres_besoins',
      'contact',
      'email',
      'presentation',
      'message_decision',
      'fiche_annuaire',
      'retiree_le',
      'message_retrait',
    ],
    rows.map((r) => {
      const o = orgs.get(r.organizationId);
      return [
        r.standZone,
        r.standNumber,
        o?.name,
        o?.communeName,
        o?.departmentCode,
        statusLabel[r.status] ?? r.status,
        r.needsTable ? 'oui' : 'non',
        r.needsPower ? 'oui' : 'non',
        r.needsOther,
        r.contactName,
        r.contactEmail,
        r.pitch,
        r.decisionMessage,
        `/annuaire/${r.organizationId}`,
        r.withdrawnAt?.toISOString() ?? null,
        r.withdrawalMessage,
      ];
    }),
  );
  return { csv, filename: 'exposants.csv' };
}
