import { and, asc, eq, sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { Db } from '../../db/client.ts';
import { insertMany } from '../../db/insert-many.ts';
import { pdfText } from '../../lib/pdf-text.ts';
import { euros, parisToday } from './memberships.rules.ts';
import { membershipDocumentCounters, membershipDocuments } from './memberships.tables.ts';

// Numbered documents: calls for dues, receipts and credit notes, in one continuous series per network and year
// (`2026-00001`, `2026-00002`…). The number is taken from a counter row that the issuing transaction locks
// (INSERT … ON CONFLICT DO UPDATE takes the row lock until commit): concurrent issuers wait for each other, a
// rolled-back issue gives its number back with it, so the series has no gap and no number twice. The PDF is drawn
// from the frozen `content` snapshot, never from the live member or settings: an issued document never changes.

export type DocumentKind = 'call' | 'receipt' | 'credit_note';
export type DocumentRow = typeof membershipDocuments.$inferSelect;

/** What a document shows, frozen when it is issued. */
export type DocumentContent = {
  title: string;
  issuer: { legalName: string; address: string | null; siret: string | null; vatNumber: string | null };
  recipient: { name: string; address: string | null; siret: string | null };
  lines: { label: string; htCents: number; vatRateBp: number | null; vatCents: number; ttcCents: number }[];
  period?: { startsOn: string; endsOn: string; plan: string };
  payment?: { method: string; paidOn: string; reference: string | null };
  cancels?: string;
  notes: string[];
};

export const documentTitles: Record<DocumentKind, string> = {
  call: 'Appel de cotisation',
  receipt: 'Reçu de cotisation',
  credit_note: 'Avoir',
};

export const formatNumber = (year: number, seq: number) => `${year}-${String(seq).padStart(5, '0')}`;

export type DocumentInput = {
  networkId: string;
  memberId: string;
  periodId?: string | null;
  paymentId?: string | null;
  kind: DocumentKind;
  amountHtCents: number;
  vatCents: number;
  amountCents: number;
  cancelsDocumentId?: string | null;
  content: DocumentContent;
  isDemo?: boolean;
};

/**
 * Issues one document inside the caller's transaction: takes the next number of the network's series for the
 * year of `now` (waiting for any other issuer of the same network and year to commit) and stores the snapshot.
 */
export async function issueDocument(tx: Db, input: DocumentInput, now: Date): Promise<DocumentRow> {
  const [row] = await issueDocuments(tx, [input], now);
  return row;
}

/**
 * Issues several documents inside the caller's transaction, numbered in the order given: each network's counter
 * moves once by the number of its documents (networks in a fixed order, so two batches never wait on each other in
 * a cycle), then the documents are inserted in one statement. Returned in the order given.
 */
export async function issueDocuments(tx: Db, inputs: DocumentInput[], now: Date): Promise<DocumentRow[]> {
  if (inputs.length === 0) return [];
  const year = now.getUTCFullYear();
  const byNetwork = new Map<string, number[]>();
  for (const [i, input] of inputs.entries())
    byNetwork.set(input.networkId, [...(byNetwork.get(input.networkId) ?? []), i]);
  const numbered: { seq: number; issuedAt: Date }[] = [];
  for (const networkId of [...byNetwork.keys()].sort()) {
    const indexes = byNetwork.get(networkId) ?? [];
    const [counter] = await tx
      .insert(membershipDocumentCounters)
      .values({ networkId, year, lastSeq: indexes.length, lastIssuedAt: now })
      .onConflictDoUpdate({
        target: [membershipDocumentCounters.networkId, membershipDocumentCounters.year],
        set: {
          lastSeq: sql`${membershipDocumentCounters.lastSeq} + excluded.last_seq`,
          // Never before the previous document: dates follow the numbers even when clocks disagree.
          lastIssuedAt: sql`greatest(${membershipDocumentCounters.lastIssuedAt}, excluded.last_issued_at)`,
        },
      })
      .returning({
        seq: membershipDocumentCounters.lastSeq,
        issuedAt: membershipDocumentCounters.lastIssuedAt,
      });
    const first = counter.seq - indexes.length + 1;
    indexes.forEach((i, k) => {
      numbered[i] = { seq: first + k, issuedAt: counter.issuedAt };
    });
  }
  const rows = await insertMany(
    tx,
    membershipDocuments,
    inputs.map((input, i) => ({
      networkId: input.networkId,
      memberId: input.memberId,
      periodId: input.periodId ?? null,
      paymentId: input.paymentId ?? null,
      kind: input.kind,
      year,
      seq: numbered[i].seq,
      number: formatNumber(year, numbered[i].seq),
      issuedAt: numbered[i].issuedAt,
      amountHtCents: input.amountHtCents,
      vatCents: input.vatCents,
      amountCents: input.amountCents,
      cancelsDocumentId: input.cancelsDocumentId ?? null,
      content: input.content as unknown as Record<string, unknown>,
      isDemo: input.isDemo ?? false,
    })),
  ).returning();
  const bySeq = new Map(rows.map((r) => [`${r.networkId} ${r.seq}`, r]));
  return inputs.map((input, i) => bySeq.get(`${input.networkId} ${numbered[i].seq}`) as DocumentRow);
}

export async function memberDocuments(db: Db, memberId: string) {
  return db
    .select()
    .from(membershipDocuments)
    .where(eq(membershipDocuments.memberId, memberId))
    .orderBy(asc(membershipDocuments.year), asc(membershipDocuments.seq));
}

export async function findDocument(db: Db, networkId: string, number: string) {
  const [row] = await db
    .select()
    .from(membershipDocuments)
    .where(and(eq(membershipDocuments.networkId, networkId), eq(membershipDocuments.number, number)))
    .limit(1);
  return row;
}

const frenchDay = (s: string) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
const methodLabels: Record<string, string> = {
  transfer: 'virement',
  cheque: 'chèque',
  cash: 'espèces',
  card: 'carte bancaire',
};

/** The document as an A4 PDF, drawn from its snapshot only (same bytes on every download). */
export function documentPdf(doc: DocumentRow): Promise<Buffer> {
  const c = doc.content as unknown as DocumentContent;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `${c.title} ${doc.number}`,
      Creator: 'Maillage',
      CreationDate: doc.issuedAt,
      ModDate: doc.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const issuer = [c.issuer.legalName, c.issuer.address, c.issuer.siret ? `SIRET ${c.issuer.siret}` : null];
  if (c.issuer.vatNumber) issuer.push(`TVA intracommunautaire ${c.issuer.vatNumber}`);
  pdf
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(pdfText(issuer[0] ?? ''));
  pdf
    .font('Helvetica')
    .fontSize(9)
    .text(pdfText(issuer.slice(1).filter(Boolean).join('\n')));
  pdf.moveDown(1.5);
  pdf
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(pdfText(`${c.title} n° ${doc.number}`));
  pdf
    .font('Helvetica')
    .fontSize(10)
    .text(pdfText(`Émis le ${frenchDay(parisToday(doc.issuedAt))}`));
  if (c.cancels) pdf.text(pdfText(`Annule le document n° ${c.cancels}`));
  pdf.moveDown();
  pdf.font('Helvetica-Bold').fontSize(10).text('Adhérent');
  pdf
    .font('Helvetica')
    .text(
      pdfText(
        [c.recipient.name, c.recipient.address, c.recipient.siret ? `SIRET ${c.recipient.siret}` : null]
          .filter(Boolean)
          .join('\n'),
      ),
    );
  if (c.period) {
    pdf.moveDown(0.5);
    pdf.text(
      pdfText(
        `Adhésion « ${c.period.plan} » du ${frenchDay(c.period.startsOn)} au ${frenchDay(c.period.endsOn)}`,
      ),
    );
  }
  pdf.moveDown();
  for (const line of c.lines) {
    pdf.font('Helvetica').fontSize(10).text(pdfText(line.label));
    const vat =
      line.vatRateBp === null
        ? `Montant ${euros(line.ttcCents)}`
        : `HT ${euros(line.htCents)} · TVA ${(line.vatRateBp / 100).toLocaleString('fr-FR')} % ${euros(line.vatCents)} · TTC ${euros(line.ttcCents)}`;
    pdf.text(pdfText(vat), { indent: 12 });
  }
  pdf.moveDown(0.5);
  pdf
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(pdfText(`Total ${euros(doc.amountCents)}`));
  if (c.payment) {
    pdf.moveDown(0.5);
    pdf
      .font('Helvetica')
      .fontSize(10)
      .text(
        pdfText(
          `Payé le ${frenchDay(c.payment.paidOn)} par ${methodLabels[c.payment.method] ?? c.payment.method}${c.payment.reference ? ` (réf. ${c.payment.reference})` : ''}`,
        ),
      );
  }
  pdf.moveDown();
  pdf.font('Helvetica').fontSize(9).fillColor('#333');
  for (const note of c.notes) pdf.text(pdfText(note));
  pdf.end();
  return done;
}
