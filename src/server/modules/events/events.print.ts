import PDFDocument from 'pdfkit';
import { pdfText } from '../../lib/pdf-text.ts';
import { escapeHtml } from '../../lib/web-shell.ts';
import { frenchDate, frenchTime, groupByDepartmentThenDay } from './events.programme.ts';
import { formatLabel } from './events.reference.ts';
import type { EventSummary } from './events.schemas.ts';

// The printable programme: by department, then by day. An HTML page laid out for A4 printing, and a PDF.

const place = (i: EventSummary) => [i.venueName, i.communeName].filter(Boolean).join(', ') || 'En ligne';
const price = (i: EventSummary) => (i.isFree ? 'Gratuit' : (i.priceText ?? 'Payant'));

export function printableProgramme(
  items: EventSummary[],
  opts: { title: string; subtitle?: string; publicUrl: string },
): string {
  const groups = groupByDepartmentThenDay(items);
  const body = groups
    .map(
      (g) =>
        `<section class="dep"><h2>${escapeHtml(g.name)}${g.code ? ` (${escapeHtml(g.code)})` : ''}</h2>${g.days
          .map(
            ([, list]) =>
              `<h3>${escapeHtml(frenchDate(list[0].startsAt))}</h3><ul>${list
                .map(
                  (i) =>
                    `<li><span class="time">${frenchTime(i.startsAt)}–${frenchTime(i.endsAt)}</span> <strong>${escapeHtml(i.title)}</strong> <span class="fmt">${escapeHtml(formatLabel.get(i.format) ?? i.format)}</span><br><span class="meta">${escapeHtml(place(i))} · ${escapeHtml(i.organizers.map((o) => o.name).join(', '))} · ${escapeHtml(price(i))}</span></li>`,
                )
                .join('')}</ul>`,
          )
          .join('')}</section>`,
    )
    .join('');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)} — programme</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
@page { size: A4; margin: 15mm 12mm; }
body { font: 11pt/1.35 system-ui, sans-serif; color: #111; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
h1 { font-size: 20pt; margin: 0 0 .2rem; } .sub { color: #444; margin: 0 0 1rem; }
h2 { font-size: 15pt; border-bottom: 2px solid #1a5d3a; padding-bottom: 2px; margin-top: 1.4rem; break-after: avoid; }
h3 { font-size: 11.5pt; margin: .8rem 0 .2rem; text-transform: capitalize; break-after: avoid; }
ul { list-style: none; padding: 0; margin: 0; } li { margin: 0 0 .45rem; break-inside: avoid; }
.time { font-variant-numeric: tabular-nums; } .fmt { color: #1a5d3a; font-size: 9.5pt; } .meta { color: #444; font-size: 9.5pt; }
.dep { break-before: auto; } .noprint { margin: 1rem 0; } @media print { .noprint { display: none; } }
</style></head><body>
<p class="noprint"><button onclick="window.print()">Imprimer</button></p>
<h1>${escapeHtml(opts.title)}</h1>${opts.subtitle ? `<p class="sub">${escapeHtml(opts.subtitle)}</p>` : ''}
<p class="sub">${items.length} rendez-vous · ${escapeHtml(opts.publicUrl)}/agenda</p>
${body || '<p>Aucun événement pour ce filtre.</p>'}
</body></html>`;
}

/** The same programme as an A4 PDF (standard Helvetica, text through `pdfText`). */
export function programmePdf(
  items: EventSummary[],
  opts: { title: string; subtitle?: string },
): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 42, info: { Title: opts.title, Creator: 'Maillage' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(18).text(pdfText(opts.title));
  if (opts.subtitle)
    doc.font('Helvetica').fontSize(10).fillColor('#444').text(pdfText(opts.subtitle)).fillColor('#000');
  doc.moveDown();
  const groups = groupByDepartmentThenDay(items);
  if (!groups.length) doc.font('Helvetica').fontSize(11).text('Aucun événement pour ce filtre.');
  for (const g of groups) {
    if (doc.y > 700) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(14)
      .fillColor('#1a5d3a')
      .text(pdfText(`${g.name}${g.code ? ` (${g.code})` : ''}`))
      .fillColor('#000');
    doc.moveDown(0.3);
    for (const [, list] of g.days) {
      if (doc.y > 740) doc.addPage();
      doc
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(pdfText(frenchDate(list[0].startsAt)));
      for (const i of list) {
        if (doc.y > 760) doc.addPage();
        doc
          .font('Helvetica-Bold')
          .fontSize(10)
          .text(pdfText(`${frenchTime(i.startsAt)}–${frenchTime(i.endsAt)}  ${i.title}`), { indent: 8 });
        doc
          .font('Helvetica')
          .fontSize(9)
          .fillColor('#444')
          .text(pdfText(`${place(i)} · ${i.organizers.map((o) => o.name).join(', ')} · ${price(i)}`), {
            indent: 8,
          })
          .fillColor('#000');
      }
      doc.moveDown(0.4);
    }
    doc.moveDown(0.6);
  }
  doc.end();
  return done;
}
