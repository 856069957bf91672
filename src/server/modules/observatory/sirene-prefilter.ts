import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { OpenedSource } from './sirene-source.ts';

// The legal units file is read whole (≈ 30 million rows nationally) for the few units the kept establishments
// belong to (≈ 6 % for a region). Parsing every row into columns is most of DuckDB's work there; this pass only
// splits the bytes into records (RFC 4180: a newline inside quotes does not end a record), reads the first field
// (the SIREN) and copies the records of the wanted units, with the header, into a much smaller file that DuckDB then
// parses. On one core, it leaves the other free for writing the establishments meanwhile. It also checks that the
// whole file is UTF-8, which DuckDB would otherwise only have checked on the rows it parsed.

export class PrefilterError extends Error {}

export type Prefiltered = {
  /** The smaller CSV file: the header and the wanted records, unchanged. */
  path: string;
  /** Line number in the original file (1 = header) of each line of the smaller one, by index (0 = header). */
  lineOf: Int32Array;
  records: number;
};

const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const CHUNK = 4 << 20;
/** A record inside quotes longer than this is a quote never closed (DuckDB's own limit is 1 MB a line). */
const MAX_RECORD = 1 << 20;
/** No newline for this long: not a CSV file. */
const MAX_LINE = 64 << 20;

/** A SIREN as a number when the record starts with 9 digits and a comma (the usual case), else -1. */
function leadingSiren(buf: Buffer, at: number, end: number): number {
  if (end - at < 10 || buf[at + 9] !== COMMA) return -1;
  let n = 0;
  for (let i = at; i < at + 9; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The first field as text (quotes removed), for records that do not start with 9 digits and a comma. */
function firstField(buf: Buffer, at: number, end: number): string {
  if (buf[at] === QUOTE) {
    const close = buf.indexOf(QUOTE, at + 1);
    return buf.toString('utf8', at + 1, close < 0 || close > end ? end : close);
  }
  const comma = buf.indexOf(COMMA, at);
  return buf.toString('utf8', at, comma < 0 || comma > end ? end : comma).replace(/\r$/, '');
}

/**
 * Copies the header and the records of `src` (a legal units CSV, plain or gzip) whose SIREN is in `sirens` to
 * `outPath`. Throws PrefilterError when the file is not UTF-8.
 */
export async function keepLegalUnits(
  src: OpenedSource,
  sirens: Iterable<string>,
  outPath: string,
  onProgress?: (fraction: number) => void,
  chunkSize = CHUNK,
): Promise<Prefiltered> {
  const byNumber = new Set<number>();
  const byText = new Set<string>();
  for (const s of sirens) /^[0-9]{9}$/.test(s) ? byNumber.add(Number(s)) : byText.add(s);
  // A 1 MB bit filter in front of the set: most records are not wanted, and a miss in the set's large table costs
  // a memory access that this small one, kept in cache, mostly saves (the set is only asked about ~3 % of the others).
  const filter = new Uint32Array(1 << 18);
  const slot = (n: number) => Math.imul(n, 0x9e3779b1) >>> 9;
  for (const n of byNumber) filter[slot(n) >>> 5] |= 1 << (slot(n) & 31);
  const wantedNumber = (n: number) => {
    const h = slot(n);
    return (filter[h >>> 5] & (1 << (h & 31))) !== 0 && byNumber.has(n);
  };

  const wantedText = (s: string) => (/^[0-9]{9}$/.test(s) ? wantedNumber(Number(s)) : byText.has(s));

  const file = await open(outPath, 'w');
  const lineOf: number[] = [];
  // Kept records are copied into one buffer, written out when full (no object per record).
  let out = Buffer.allocUnsafe(1 << 20);
  let outBytes = 0;
  const pending: Buffer[] = [];
  const keepBytes = (buf: Buffer, from: number, to: number) => {
    if (outBytes + to - from > out.length) {
      pending.push(out.subarray(0, outBytes));
      out = Buffer.allocUnsafe(Math.max(1 << 20, to - from));
      outBytes = 0;
    }
    outBytes += buf.copy(out, outBytes, from, to);
  };
  const flush = async () => {
    for (const b of pending.splice(0)) await file.write(b);
    if (outBytes > 0) await file.write(out.subarray(0, outBytes));
    out = Buffer.allocUnsafe(1 << 20);
    outBytes = 0;
  };

  let carry: Buffer | null = null;
  let line = 1; // line number (in the original file) where the pending record starts
  let records = 0;
  let read = 0;
  let header = true;

  /** Splits `buf` into complete records; returns where the first incomplete one starts. */
  const process = (buf: Buffer, last: boolean): number => {
    let start = 0;
    let scan = 0;
    let parity = 0;
    let lines = 1;
    let nextQuote = buf.indexOf(QUOTE, 0);
    for (;;) {
      let nl = buf.indexOf(NEWLINE, scan);
      if (nl < 0) {
        if (!last || start >= buf.length) return start;
        nl = buf.length - 1; // the last record, without a final newline
      }
      while (nextQuote >= 0 && nextQuote <= nl) {
        parity ^= 1;
        nextQuote = buf.indexOf(QUOTE, nextQuote + 1);
      }
      if (parity === 1 && nl - start > MAX_RECORD) {
        // A quote never closed (a broken line): the record ends at its first newline, as a malformed line that
        // DuckDB reports if it is wanted, and reading goes on after it.
        nl = buf.indexOf(NEWLINE, start);
        lines = 1;
        parity = 0;
        nextQuote = buf.indexOf(QUOTE, nl + 1);
      } else if (parity === 1) {
        // Inside quotes: the record goes on, on the next line (or in the next chunk).
        if (nl < buf.length - 1) {
          scan = nl + 1;
          lines++;
          continue;
        }
        if (!last) return start;
      }
      // A whole record: [start, nl].
      let keep = header;
      if (!header) {
        const n = leadingSiren(buf, start, nl);
        keep = n >= 0 ? wantedNumber(n) : wantedText(firstField(buf, start, nl));
        records++;
      }
      header = false;
      if (keep) {
        keepBytes(buf, start, nl + 1);
        for (let i = 0; i < lines; i++) lineOf.push(line + i);
      }
      line += lines;
      lines = 1;
      parity = 0;
      start = scan = nl + 1;
      if (start >= buf.length) return start;
    }
  };

  const stream =
    src.format === 'gzip'
      ? createReadStream(src.path, { highWaterMark: chunkSize }).pipe(createGunzip({ chunkSize }))
      : createReadStream(src.path, { highWaterMark: chunkSize });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const from = line;
      const done = process(buf, false);
      if (!isUtf8(buf.subarray(0, done)))
        throw new PrefilterError(`le fichier n’est pas en UTF-8 (lignes ${from} à ${line - 1})`);
      carry = done < buf.length ? Buffer.from(buf.subarray(done)) : null;
      if (carry && carry.length > MAX_LINE)
        throw new PrefilterError(`ligne ${line} de plus de ${MAX_LINE >> 20} Mo : fichier corrompu`);
      if (pending.length > 0) await flush();
      onProgress?.(Math.min(read / src.bytes, 1));
    }
    if (carry) {
      if (!isUtf8(carry)) throw new PrefilterError(`le fichier n’est pas en UTF-8 (fin du fichier)`);
      process(carry, true);
    }
    await flush();
  } finally {
    await file.close();
  }
  return { path: outPath, lineOf: Int32Array.from(lineOf), records };
}
