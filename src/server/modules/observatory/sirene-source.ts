import { createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ownTempPath } from '../../lib/temp-files.ts';

// Opening a Sirene input (path or URL; CSV, gzip, the official zip, or Parquet) without reading it whole:
// URLs are downloaded to a temporary file with progress; a zip's single entry is re-wrapped as gzip (a byte copy of
// the deflate stream, no decompression) so that DuckDB can scan it; the header and the first megabyte are checked.

export type SourceFormat = 'csv' | 'gzip' | 'parquet';
export type OpenedSource = {
  path: string;
  format: SourceFormat;
  /** Size on disk of what will be scanned (for progress). */
  bytes: number;
  /** First line's column names (CSV) — Parquet fills it from its schema. */
  header: string[];
  /** Average line length in the first megabyte, to turn bytes into an estimated row count. */
  bytesPerRow: number;
  cleanup(): Promise<void>;
};
export type ByteProgress = (done: number, total: number | undefined) => void;

export class SourceError extends Error {}

const PREFLIGHT_BYTES = 1 << 20;

/** Downloads a URL to a temporary file, reporting bytes as they arrive. */
export async function download(url: string, onProgress?: ByteProgress): Promise<string> {
  const res = await fetch(url).catch((e: Error) => {
    throw new SourceError(`téléchargement impossible (${url}) : ${e.message}`);
  });
  if (!res.ok || !res.body) throw new SourceError(`téléchargement refusé (${url}) : HTTP ${res.status}`);
  const total = Number(res.headers.get('content-length')) || undefined;
  const path = ownTempPath('sirene');
  let done = 0;
  const body = Readable.fromWeb(res.body as never);
  body.on('data', (c: Buffer) => {
    done += c.length;
    onProgress?.(done, total);
  });
  await pipeline(body, createWriteStream(path));
  if (total !== undefined && done !== total) {
    await rm(path, { force: true });
    throw new SourceError(`téléchargement interrompu (${done} octets sur ${total})`);
  }
  return path;
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

type ZipEntry = {
  name: string;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  dataStart: number;
};

/** Reads a zip's central directory (zip64 aware); a missing end record means a truncated archive. */
async function zipEntry(path: string, fileSize: number): Promise<ZipEntry> {
  const tailLen = Math.min(fileSize, 65_557);
  const tail = await readAt(path, fileSize - tailLen, tailLen);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new SourceError('archive zip tronquée ou illisible (fin d’archive absente)');
  let entries = tail.readUInt16LE(eocd + 10);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const loc = eocd - 20;
  if (loc >= 0 && tail.readUInt32LE(loc) === 0x07064b50) {
    const z64 = await readAt(path, Number(tail.readBigUInt64LE(loc + 8)), 56);
    entries = Number(z64.readBigUInt64LE(32));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (entries !== 1)
    throw new SourceError(`l’archive doit contenir un seul fichier CSV (elle en contient ${entries})`);
  const cd = await readAt(path, cdOffset, 46 + 65_535 * 3);
  if (cd.readUInt32LE(0) !== 0x02014b50) throw new SourceError('archive zip corrompue (répertoire central)');
  const method = cd.readUInt16LE(10);
  const crc = cd.readUInt32LE(16);
  let compressed = cd.readUInt32LE(20);
  let size = cd.readUInt32LE(24);
  const nameLen = cd.readUInt16LE(28);
  const extraLen = cd.readUInt16LE(30);
  let localOffset = cd.readUInt32LE(42);
  const name = cd.subarray(46, 46 + nameLen).toString('utf8');
  // Zip64 extra field: the 64-bit values present are those whose 32-bit field is saturated, in this order.
  let p = 46 + nameLen;
  while (p < 46 + nameLen + extraLen) {
    const tag = cd.readUInt16LE(p);
    const len = cd.readUInt16LE(p + 2);
    if (tag === 0x0001) {
      let q = p + 4;
      if (size === 0xffffffff) {
        size = Number(cd.readBigUInt64LE(q));
        q += 8;
      }
      if (compressed === 0xffffffff) {
        compressed = Number(cd.readBigUInt64LE(q));
        q += 8;
      }
      if (localOffset === 0xffffffff) localOffset = Number(cd.readBigUInt64LE(q));
    }
    p += 4 + len;
  }
  const local = await readAt(path, localOffset, 30);
  if (local.readUInt32LE(0) !== 0x04034b50) throw new SourceError('archive zip corrompue (en-tête local)');
  const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (dataStart + compressed > fileSize) throw new SourceError('archive zip tronquée');
  if (method !== 0 && method !== 8)
    throw new SourceError(`compression zip non prise en charge (méthode ${method})`);
  return { name, method, crc, compressed, size, dataStart };
}

/** Copies the entry's raw deflate bytes into a gzip member (header + data + CRC32 + size), or stored bytes as-is. */
async function rewrapZip(path: string, entry: ZipEntry, onProgress?: ByteProgress) {
  const out = ownTempPath('sirene', entry.method === 8 ? '.csv.gz' : '.csv');
  const ws = createWriteStream(out);
  if (entry.method === 8) ws.write(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]));
  const { createReadStream } = await import('node:fs');
  const rs = createReadStream(path, { start: entry.dataStart, end: entry.dataStart + entry.compressed - 1 });
  let done = 0;
  rs.on('data', (c) => {
    done += c.length;
    onProgress?.(done, entry.compressed);
  });
  await pipeline(rs, ws, { end: false });
  if (entry.method === 8) {
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(entry.crc >>> 0, 0);
    trailer.writeUInt32LE(entry.size % 2 ** 32, 4);
    ws.write(trailer);
  }
  await new Promise<void>((resolve, reject) =>
    ws.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return out;
}

/** The first megabyte of decompressed text (gzip or raw deflate streams stop early). */
async function firstBytes(path: string, format: 'csv' | 'gzip', start = 0): Promise<Buffer> {
  if (format === 'csv') return readAt(path, start, PREFLIGHT_BYTES);
  const { createReadStream } = await import('node:fs');
  const chunks: Buffer[] = [];
  let total = 0;
  const rs = createReadStream(path, { start });
  const gunzip = createGunzip();
  return new Promise((resolve, reject) => {
    const finish = () => {
      rs.destroy();
      gunzip.destroy();
      resolve(Buffer.concat(chunks));
    };
    gunzip.on('data', (c: Buffer) => {
      chunks.push(c);
      total += c.length;
      if (total >= PREFLIGHT_BYTES) finish();
    });
    gunzip.on('end', finish);
    gunzip.on('error', (e) =>
      total > 0 ? finish() : reject(new SourceError(`fichier compressé illisible : ${e.message}`)),
    );
    rs.pipe(gunzip);
  });
}

/** Splits a CSV header line (the Sirene header has no quotes, but tolerate them). */
function parseHeader(line: string): string[] {
  return line
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split(',')
    .map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

function checkText(sample: Buffer): { header: string[]; bytesPerRow: number } {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
  } catch {
    throw new SourceError(
      'encodage incorrect : le fichier n’est pas en UTF-8 (fichiers Sirene « _utf8 » attendus)',
    );
  }
  if (sample.includes(0)) throw new SourceError('fichier binaire : ce n’est pas un CSV');
  const nl = sample.indexOf(10);
  if (nl < 0) throw new SourceError('pas de ligne d’en-tête : ce n’est pas un CSV Sirene');
  const lines =
    sample
      .subarray(nl + 1)
      .toString('utf8')
      .split('\n').length - 1;
  return {
    header: parseHeader(sample.subarray(0, nl).toString('utf8')),
    bytesPerRow: lines > 0 ? (sample.length - nl) / lines : 200,
  };
}

/** Opens a path or URL as a scannable source; throws SourceError for anything that is not a readable CSV/Parquet. */
export async function openSource(
  input: string,
  onDownload?: (step: 'download' | 'unzip', done: number, total: number | undefined) => void,
): Promise<OpenedSource> {
  const temporary: string[] = [];
  const cleanup = async () => {
    for (const p of temporary) await rm(p, { force: true });
  };
  try {
    let path = input;
    if (/^https?:\/\//i.test(input)) {
      path = await download(input, (done, total) => onDownload?.('download', done, total));
      temporary.push(path);
    }
    const size = await stat(path)
      .then((s) => s.size)
      .catch(() => {
        throw new SourceError(`fichier introuvable : ${input}`);
      });
    if (size === 0) throw new SourceError(`fichier vide : ${input}`);
    const magic = await readAt(path, 0, 4);
    if (magic.toString('latin1') === 'PAR1')
      return { path, format: 'parquet', bytes: size, header: [], bytesPerRow: 50, cleanup };
    if (magic[0] === 0x50 && magic[1] === 0x4b) {
      const entry = await zipEntry(path, size);
      const out = await rewrapZip(path, entry, (done, total) => onDownload?.('unzip', done, total));
      temporary.push(out);
      const format = entry.method === 8 ? 'gzip' : 'csv';
      const { header, bytesPerRow } = checkText(await firstBytes(out, format));
      return { path: out, format, bytes: entry.size, header, bytesPerRow, cleanup };
    }
    const format = magic[0] === 0x1f && magic[1] === 0x8b ? 'gzip' : 'csv';
    const { header, bytesPerRow } = checkText(await firstBytes(path, format));
    return { path, format, bytes: format === 'csv' ? size : size * 5, header, bytesPerRow, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
