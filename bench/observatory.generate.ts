import { DuckDBInstance } from '@duckdb/node-api';
import {
  establishmentsHeader311,
  legalUnitsHeader311,
} from '../src/server/modules/observatory/sirene-format.ts';
import { loadReference } from '../src/server/modules/territories/territories.data.ts';

// A national-shaped pair of Sirene stock files for the benchmark, written by DuckDB (seconds, not minutes):
// communes drawn in proportion to their population, ~40 % of establishments active, ~1.4 establishments per legal
// unit, valid Luhn SIREN/SIRET, realistic legal categories and NAF codes. Not demo data: names say "BANC D'ESSAI".

/** The Luhn check digit of the n-digit number p, unrolled into plain integer arithmetic (fast in DuckDB). */
const luhn = (p: string, n: number) => {
  const terms = Array.from({ length: n }, (_, k) => {
    const d = `((${p} // ${10 ** k}) % 10)`;
    return k % 2 === 0 ? `(2 * ${d} - 9 * (${d} >= 5)::INTEGER)` : d;
  });
  return `((10 - (${terms.join(' + ')}) % 10) % 10)`;
};

export async function generateNationalFiles(
  files: { establishments: string; legalUnits: string },
  rows: number,
) {
  const db = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '600MB' });
  const c = await db.connect();
  const ref = loadReference();
  await c.run('CREATE TABLE w (idx INTEGER, code VARCHAR)');
  const app = await c.createAppender('w');
  let idx = 0;
  for (const t of ref.byCode.values()) {
    if (t.level !== 'commune') continue;
    const n = Math.max(1, Math.round((t.population ?? 0) / 1500));
    for (let k = 0; k < n; k++) {
      app.appendInteger(idx++);
      app.appendVarchar(t.officialCode);
      app.endRow();
    }
  }
  app.closeSync();
  const naf = `['88.10A','88.99B','93.12Z','94.99Z','47.11F','56.10A','43.21A','68.20A','70.22Z','86.21Z','01.11Z','62.01Z','84.11Z','49.41A','85.59A','94.11Z']`;
  const brackets = `['01','01','01','02','02','03','11','12','21','22','31','32','41']`;
  const est: Record<string, string> = {
    siren: "lpad(siren::VARCHAR, 9, '0')",
    nic: 'right(siret::VARCHAR, 5)',
    siret: "lpad(siret::VARCHAR, 14, '0')",
    statutDiffusionEtablissement: "CASE WHEN h % 50 = 0 THEN 'P' ELSE 'O' END",
    dateCreationEtablissement: "'2001-01-01'",
    trancheEffectifsEtablissement: `CASE WHEN employer THEN ${brackets}[1 + (h // 7) % 13] WHEN h % 3 = 0 THEN 'NN' END`,
    anneeEffectifsEtablissement: "CASE WHEN employer THEN '2023' END",
    etablissementSiege: "CASE WHEN i % 7 = 0 THEN 'true' ELSE 'false' END",
    nombrePeriodesEtablissement: "'1'",
    numeroVoieEtablissement: '(1 + h % 90)::VARCHAR',
    typeVoieEtablissement: "'RUE'",
    libelleVoieEtablissement: "'DU BANC D ESSAI'",
    codeCommuneEtablissement: 'w.code',
    dateDebut: "'2020-01-01'",
    etatAdministratifEtablissement: "CASE WHEN h % 10 < 4 THEN 'A' ELSE 'F' END",
    denominationUsuelleEtablissement: "'ETABLISSEMENT BANC D ESSAI ' || i",
    activitePrincipaleEtablissement: `${naf}[1 + (h // 11) % 16]`,
    nomenclatureActivitePrincipaleEtablissement: "'NAFRev2'",
    caractereEmployeurEtablissement: "CASE WHEN employer THEN 'O' ELSE 'N' END",
  };
  const estSelect = establishmentsHeader311.map((h) => `${est[h] ?? 'NULL'} AS "${h}"`).join(', ');
  const wCount = idx;
  await c.run(`COPY (
    WITH base AS (
      SELECT i, (hash(i) % 1000000007)::BIGINT AS h, (hash(i * 31) % 5 = 0) AS employer, 30000000 + (i * 5 // 7) AS sp FROM range(${rows}) t(i)),
    ids AS (SELECT *, sp * 10 + ${luhn('sp', 8)} AS siren FROM base),
    ids2 AS (SELECT *, (siren * 10000 + i % 7 + 1) AS tp FROM ids),
    full_ids AS (SELECT *, tp * 10 + ${luhn('tp', 13)} AS siret FROM ids2)
    SELECT ${estSelect} FROM full_ids JOIN w ON w.idx = h % ${wCount}
  ) TO '${files.establishments}' (HEADER, DELIMITER ',')`);
  const categories = `['1000','1000','1000','1000','1000','5710','5710','5710','5499','5499','9220','9220','5458','7210','8210','9300','6540','5560','7364','9260']`;
  const ul: Record<string, string> = {
    siren: "lpad(siren::VARCHAR, 9, '0')",
    statutDiffusionUniteLegale: "CASE WHEN h % 40 = 0 THEN 'P' ELSE 'O' END",
    dateCreationUniteLegale: "'2001-01-01'",
    denominationUniteLegale: "CASE WHEN cat = '1000' THEN NULL ELSE 'UNITE BANC D ESSAI ' || s END",
    nomUniteLegale: "CASE WHEN cat = '1000' THEN 'ESSAI' END",
    categorieJuridiqueUniteLegale: 'cat',
    activitePrincipaleUniteLegale: `${naf}[1 + (h // 11) % 16]`,
    nomenclatureActivitePrincipaleUniteLegale: "'NAFRev2'",
    etatAdministratifUniteLegale: "'A'",
    economieSocialeSolidaireUniteLegale:
      "CASE WHEN cat IN ('9220','5458','8210','9300','5560','9260') THEN 'O' ELSE 'N' END",
    nicSiegeUniteLegale: "'00011'",
    dateDebut: "'2020-01-01'",
  };
  const ulSelect = legalUnitsHeader311.map((h) => `${ul[h] ?? 'NULL'} AS "${h}"`).join(', ');
  await c.run(`COPY (
    WITH base AS (SELECT s, (hash(s) % 1000000007)::BIGINT AS h, 30000000 + s AS sp FROM range(${Math.ceil((rows * 5) / 7) + 1}) t(s)),
    ids AS (SELECT *, sp * 10 + ${luhn('sp', 8)} AS siren, ${categories}[1 + (hash(s * 17) % 20)::BIGINT] AS cat FROM base)
    SELECT ${ulSelect} FROM ids
  ) TO '${files.legalUnits}' (HEADER, DELIMITER ',')`);
  c.closeSync();
  db.closeSync();
}
