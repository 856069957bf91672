import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { toCsv } from '../../lib/csv.ts';
import { buildXlsx } from '../../lib/xlsx.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { type DocumentKind, documentTitles } from './memberships.documents.ts';
import { parisToday } from './memberships.rules.ts';
import { members, membershipDocuments } from './memberships.tables.ts';

// The dues ledger of a network: every issued document in the order of its numbers, for the accountant.

/** French decimal amount without the currency, as spreadsheets read it: 123456 → "1234,56". */
const decimal = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

export async function duesLedger(
  db: Db,
  actor: Actor | null,
  networkId: string,
  opts: { year?: number } = {},
) {
  const network = await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  const rows = await db
    .select({
      doc: membershipDocuments,
      name: organizations.name,
      siret: organizations.siret,
    })
    .from(membershipDocuments)
    .innerJoin(members, eq(members.id, membershipDocuments.memberId))
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(eq(membershipDocuments.networkId, networkId))
    .orderBy(asc(membershipDocuments.year), asc(membershipDocuments.seq));
  const byId = new Map(rows.map((r) => [r.doc.id, r.doc.number]));
  const shown = opts.year ? rows.filter((r) => r.doc.year === opts.year) : rows;
  const header = [
    'Numéro',
    'Date',
    'Type',
    'Adhérent',
    'SIRET',
    'Période',
    'HT (€)',
    'TVA (€)',
    'TTC (€)',
    'Annule',
  ];
  const lines = shown.map(({ doc, name, siret }) => {
    const period = (doc.content as { period?: { startsOn: string; endsOn: string } }).period;
    return {
      texts: [
        doc.number,
        parisToday(doc.issuedAt),
        documentTitles[doc.kind as DocumentKind] ?? doc.kind,
        name,
        siret ?? '',
        period ? `${period.startsOn} → ${period.endsOn}` : '',
      ],
      cents: [doc.amountHtCents, doc.vatCents, doc.amountCents],
      cancels: doc.cancelsDocumentId ? (byId.get(doc.cancelsDocumentId) ?? '') : '',
    };
  });
  const base = `cotisations-${network.slug}${opts.year ? `-${opts.year}` : ''}`;
  return {
    filename: base,
    /** French Excel: `;`, BOM, amounts with a decimal comma. */
    csv: () =>
      toCsv(
        header,
        lines.map((l) => [...l.texts, ...l.cents.map(decimal), l.cancels]),
      ),
    /** The same table with the amounts as numbers (euros), that a spreadsheet sums. */
    xlsx: () =>
      buildXlsx('Cotisations', [
        header,
        ...lines.map((l) => [...l.texts, ...l.cents.map((c) => c / 100), l.cancels]),
      ]),
  };
}
