import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../lib/pdf-text.ts';
import { programmePdf } from './events.print.ts';
import type { EventSummary } from './events.schemas.ts';

// The printed programme keeps French typography: the typographic apostrophe, « » with no-break spaces inside, the
// dash between times. Its standard Helvetica writes WinAnsi, which has all of them; the test reads the PDF's text
// back (content streams inflated, the hex strings of each TJ decoded as WinAnsi) to see what is printed.

// Bytes 0x80–0x9f of WinAnsi (Windows-1252); Node's TextDecoder reads that label as Latin-1, so it is spelt out.
const winAnsi = [...'€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ'].map((c) => c.codePointAt(0)!);

/** The text drawn in a PDF written by pdfkit with a standard font, one line per text operator. */
function textOf(pdf: Buffer): string {
  const lines: string[] = [];
  const raw = pdf.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a compressed content stream (fonts are not embedded, but be safe)
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      lines.push(String.fromCodePoint(...Array.from(Buffer.from(hex, 'hex'), (b) => winAnsi[b - 0x80] ?? b)));
    }
  }
  return lines.join('\n');
}

const event = (over: Partial<EventSummary>): EventSummary => ({
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Atelier',
  summary: null,
  format: 'workshop',
  themes: [],
  audiences: [],
  startsAt: '2026-11-12T13:00:00.000Z',
  endsAt: '2026-11-12T15:00:00.000Z',
  isRecurring: false,
  recurrenceRule: null,
  venueName: null,
  communeCode: '54395',
  communeName: 'Nancy',
  departmentCode: '54',
  latitude: null,
  longitude: null,
  onlineUrl: null,
  accessibility: [],
  isFree: true,
  priceText: null,
  registrationMode: 'none',
  capacity: null,
  membersOnly: false,
  seatsLeft: null,
  status: 'published',
  campaignId: null,
  organizers: [{ id: '00000000-0000-4000-8000-000000000002', name: 'L’Atelier du coin' }],
  imageUrl: null,
  isDemo: false,
  ...over,
});

describe('printed programme (PDF)', () => {
  it('prints ’ and « » with no-break spaces inside, in the title as in the events', async () => {
    const pdf = await programmePdf(
      [event({ title: "Table ronde « l'ESS et l'emploi »", venueName: 'Salle d’honneur' })],
      {
        title: "Programme du Mois de l'ESS",
      },
    );
    const text = textOf(pdf);
    expect(text).toContain('Programme du Mois de l’ESS');
    expect(text).toContain('Table ronde «\u00a0l’ESS et l’emploi\u00a0»');
    expect(text).toContain('Salle d’honneur');
    expect(text).toContain('L’Atelier du coin');
    expect(text).toMatch(/\d{2}h\d{2}–\d{2}h\d{2}|\d{2}:\d{2}–\d{2}:\d{2}/);
    expect(text).not.toMatch(/\p{L}'\p{L}/u);
    expect(text).not.toContain('"');
  });

  it('keeps what WinAnsi shows and drops what it cannot', () => {
    expect(pdfText('Œuvre — 10\u202f000 € « ok »')).toBe('Œuvre — 10\u00a0000 € «\u00a0ok\u00a0»');
    expect(pdfText('Fête 🎉 d\u2019été')).toBe('Fête  d’été');
  });
});
