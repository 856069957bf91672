import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { exchangePosts, introductions, memberFollowups } from '../networking/networking.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { findMember, requireMemberCoordinator } from './memberships.access.ts';
import { helloAssoOrders } from './memberships.helloasso.tables.ts';
import { parisToday } from './memberships.rules.ts';
import { recomputeKinds, refreshMemberStatus } from './memberships.status.ts';
import {
  memberContacts,
  memberStatusChanges,
  members,
  membershipApplications,
  membershipDocuments,
  membershipPayments,
  membershipPeriods,
} from './memberships.tables.ts';

// Merging two records of one member (the same company entered twice, under two directory entries): the duplicate's
// periods, payments, documents, status history, contacts, applications, HelloAsso orders, posts and introductions
// move to the kept record, so that both histories stay whole; the duplicate record is then removed. Issued
// documents keep their numbers and contents. A year both records hold is kept once when one of the two is imported
// history (no papers: the same year known twice); two years with papers of their own are refused, since one of them
// must first be cancelled by a credit note.

type Period = typeof membershipPeriods.$inferSelect;

const overlap = (a: Period, b: Period) => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
const frenchDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const day = (iso: string) => frenchDay.format(new Date(`${iso}T00:00:00Z`));

/** Which of two overlapping periods to drop (an imported one, the duplicate's first), or null when both have papers. */
function dropOf(kept: Period, duplicate: Period): Period | null {
  if (duplicate.imported) return duplicate;
  if (kept.imported) return kept;
  return null;
}

export async function mergeMembers(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  keptId: string,
  duplicateId: string,
) {
  const kept = await requireMemberCoordinator(deps.db, actor, keptId);
  if (duplicateId === keptId)
    throw invalidInput('Fusion impossible', { duplicateId: 'choisissez une autre fiche que celle-ci' });
  const duplicate = await findMember(deps.db, duplicateId);
  if (!duplicate || duplicate.networkId !== kept.networkId)
    throw invalidInput('Fusion impossible', {
      duplicateId: 'aucun adhérent de ce réseau ne porte cet identifiant',
    });
  const today = parisToday(deps.clock());

  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    // Both records locked, in one order, so that two merges of the same pair cannot interleave.
    await tx.execute(
      sql`select id from members where id in (${keptId}, ${duplicateId}) order by id for update`,
    );
    const live = (id: string) =>
      tx
        .select()
        .from(membershipPeriods)
        .where(and(eq(membershipPeriods.memberId, id), ne(membershipPeriods.state, 'cancelled')));
    const [keptPeriods, duplicatePeriods] = [await live(keptId), await live(duplicateId)];
    const dropped: Period[] = [];
    for (const d of duplicatePeriods) {
      for (const k of keptPeriods) {
        if (!overlap(k, d) || dropped.includes(k) || dropped.includes(d)) continue;
        const drop = dropOf(k, d);
        if (!drop)
          throw invalidInput('Fusion impossible', {
            duplicateId: `les deux fiches ont chacune un appel de cotisation pour la période du ${day(d.startsOn)} au ${day(d.endsOn)} : annulez l’un des deux par un avoir, puis fusionnez`,
          });
        dropped.push(drop);
      }
    }
    // An imported year has no payment nor document of its own: removing the repeated one loses nothing.
    if (dropped.length)
      await tx.delete(membershipPeriods).where(
        inArray(
          membershipPeriods.id,
          dropped.map((p) => p.id),
        ),
      );
    const move = { memberId: keptId };
    const moved = {
      periods: (
        await tx
          .update(membershipPeriods)
          .set(move)
          .where(eq(membershipPeriods.memberId, duplicateId))
          .returning({ id: membershipPeriods.id })
      ).length,
      payments: (
        await tx
          .update(membershipPayments)
          .set(move)
          .where(eq(membershipPayments.memberId, duplicateId))
          .returning({ id: membershipPayments.id })
      ).length,
      documents: (
        await tx
          .update(membershipDocuments)
          .set(move)
          .where(eq(membershipDocuments.memberId, duplicateId))
          .returning({ id: membershipDocuments.id })
      ).length,
    };
    await tx.update(memberStatusChanges).set(move).where(eq(memberStatusChanges.memberId, duplicateId));
    await tx.update(membershipApplications).set(move).where(eq(membershipApplications.memberId, duplicateId));
    await tx.update(helloAssoOrders).set(move).where(eq(helloAssoOrders.memberId, duplicateId));
    await tx.update(exchangePosts).set(move).where(eq(exchangePosts.memberId, duplicateId));
    await tx.update(memberFollowups).set(move).where(eq(memberFollowups.memberId, duplicateId));
    // Those the duplicate sponsored are now sponsored by the kept record (never by itself).
    await tx
      .update(members)
      .set({ sponsorMemberId: keptId })
      .where(and(eq(members.sponsorMemberId, duplicateId), ne(members.id, keptId)));
    // The kept record's own sponsor: its own, else the duplicate's (neither the duplicate nor itself).
    const ownSponsor =
      kept.sponsorMemberId === duplicateId
        ? null
        : (kept.sponsorMemberId ?? (duplicate.sponsorMemberId === keptId ? null : duplicate.sponsorMemberId));
    if (ownSponsor !== kept.sponsorMemberId)
      await tx.update(members).set({ sponsorMemberId: ownSponsor }).where(eq(members.id, keptId));
    await tx.update(introductions).set({ memberAId: keptId }).where(eq(introductions.memberAId, duplicateId));
    await tx.update(introductions).set({ memberBId: keptId }).where(eq(introductions.memberBId, duplicateId));

    // Contacts: the duplicate's people join the kept record, except one already there with the same e-mail (whose
    // account link, if the kept one has none, is carried over).
    const keptContacts = await tx.select().from(memberContacts).where(eq(memberContacts.memberId, keptId));
    const byEmail = new Map(keptContacts.filter((c) => c.email).map((c) => [c.email!.toLowerCase(), c]));
    let contacts = 0;
    for (const c of await tx.select().from(memberContacts).where(eq(memberContacts.memberId, duplicateId))) {
      const same = c.email ? byEmail.get(c.email.toLowerCase()) : undefined;
      if (same) {
        if (!same.accountId && c.accountId)
          await tx
            .update(memberContacts)
            .set({ accountId: c.accountId })
            .where(eq(memberContacts.id, same.id));
        continue;
      }
      await tx.update(memberContacts).set(move).where(eq(memberContacts.id, c.id));
      contacts++;
    }

    const orgNames = new Map(
      (
        await tx
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(inArray(organizations.id, [kept.organizationId, duplicate.organizationId]))
      ).map((o) => [o.id, o.name]),
    );
    const names = {
      kept: orgNames.get(kept.organizationId) ?? '',
      duplicate: orgNames.get(duplicate.organizationId) ?? '',
    };
    await tx.delete(members).where(eq(members.id, duplicateId));
    await recomputeKinds(tx, [keptId]);
    const status = await refreshMemberStatus(tx, kept, today, 'merge');
    const result = { ...moved, contacts, repeatedYearsDropped: dropped.length, status };
    await recordAudit(tx, actor, {
      action: 'membership.merge',
      entityType: 'member',
      entityId: keptId,
      networkIds: [kept.networkId],
      before: {
        name: names.kept,
        duplicate: { id: duplicateId, name: names.duplicate, organizationId: duplicate.organizationId },
        droppedPeriods: dropped.map((p) => ({
          startsOn: p.startsOn,
          endsOn: p.endsOn,
          imported: p.imported,
        })),
      },
      after: { name: names.kept, ...result },
    });
    return { ...result, duplicateName: names.duplicate };
  });
}
