import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { withLuhnDigit } from '../company-identity/siret.ts';
import {
  establishmentsHeader39,
  establishmentsHeader311,
  legalUnitsHeader39,
  legalUnitsHeader311,
} from './sirene-format.ts';

// Small Sirene files for tests, built from a list of units (real headers, 3.11 or 3.9).

export type FixtureUnit = {
  category: string;
  naf?: string;
  essFlag?: string;
  commune?: string;
  bracket?: string;
  name?: string;
  diffusion?: 'O' | 'P';
  closed?: boolean;
  employer?: boolean;
  /** Spoils the SIRET's check digit. */
  badSiret?: boolean;
  /** Given identifiers instead of generated valid ones. */
  siren?: string;
  siret?: string;
};

let seq = 72_000_000;
export function fixtureSiren() {
  seq += 1;
  return withLuhnDigit(String(seq));
}

const line = (header: string[], values: Record<string, string>) =>
  header.map((h) => {
    const v = values[h] ?? '';
    return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  });

export function sireneCsv(units: FixtureUnit[], version: '3.9' | '3.11' = '3.11') {
  const ulHeader = version === '3.11' ? legalUnitsHeader311 : legalUnitsHeader39;
  const estHeader = version === '3.11' ? establishmentsHeader311 : establishmentsHeader39;
  const ul = [ulHeader.join(',')];
  const est = [estHeader.join(',')];
  const sirets: string[] = [];
  const sirens = new Set<string>();
  for (const u of units) {
    const siren = u.siren ?? fixtureSiren();
    const good = u.siret ?? withLuhnDigit(`${siren}0001`);
    const siret = u.badSiret ? `${good.slice(0, 13)}${(Number(good[13]) + 1) % 10}` : good;
    sirets.push(siret);
    const name = u.name ?? `TEST ${siren}`;
    // One legal unit line per SIREN, however many establishments it has.
    if (!sirens.has(siren))
      ul.push(
        line(ulHeader, {
          siren,
          statutDiffusionUniteLegale: u.diffusion ?? 'O',
          denominationUniteLegale: u.diffusion === 'P' ? '[ND]' : name,
          categorieJuridiqueUniteLegale: u.category,
          activitePrincipaleUniteLegale: u.naf ?? '88.99B',
          economieSocialeSolidaireUniteLegale: u.essFlag ?? '',
          etatAdministratifUniteLegale: 'A',
        }).join(','),
      );
    sirens.add(siren);
    est.push(
      line(estHeader, {
        siren,
        nic: siret.slice(9),
        siret,
        statutDiffusionEtablissement: u.diffusion ?? 'O',
        trancheEffectifsEtablissement: u.bracket ?? '02',
        etablissementSiege: 'true',
        codeCommuneEtablissement: u.commune ?? '54395',
        etatAdministratifEtablissement: u.closed ? 'F' : 'A',
        denominationUsuelleEtablissement: u.diffusion === 'P' ? '' : name,
        activitePrincipaleEtablissement: u.naf ?? '88.99B',
        caractereEmployeurEtablissement: u.employer === false ? 'N' : 'O',
      }).join(','),
    );
  }
  return { legalUnits: `${ul.join('\n')}\n`, establishments: `${est.join('\n')}\n`, sirets };
}

/** Writes both files into `dir`; returns their paths. */
export function writeSireneFixture(
  dir: string,
  units: FixtureUnit[],
  opts: { version?: '3.9' | '3.11'; extraEstablishmentLines?: string[] } = {},
) {
  const csv = sireneCsv(units, opts.version);
  const legalUnits = join(dir, `ul-${seq}.csv`);
  const establishments = join(dir, `est-${seq}.csv`);
  writeFileSync(legalUnits, csv.legalUnits);
  writeFileSync(
    establishments,
    csv.establishments + (opts.extraEstablishmentLines ?? []).map((l) => `${l}\n`).join(''),
  );
  return { legalUnits, establishments, sirets: csv.sirets };
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A one-entry zip (deflate), like INSEE's StockEtablissement_utf8.zip. */
export function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(content), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(content), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBuf.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, data, central, nameBuf, end]);
}
