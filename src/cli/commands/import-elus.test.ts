import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { networks } from '../../server/modules/accounts/accounts.tables.ts';
import { auditLog } from '../../server/modules/audit/audit.tables.ts';
import { municipalHeader, officialLine } from '../../server/modules/relations/relations.fixtures.ts';
import { relationContacts, relationMandates } from '../../server/modules/relations/relations.tables.ts';

// `maillage import elus` as a network's staff runs it, in a real process on its own embedded database: a file in
// the register's own columns, the summary, the bad lines by number and exit code 1, a dry run writing nothing, the
// officials and their mandates on the database after, and a refused file or network.
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'maillage-cli-elus-'));
const dataDir = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
type Result = { code?: number; stdout: string; stderr: string };
const cli = (...args: string[]): Promise<Result> =>
  run(process.execPath, ['bin/maillage.js', 'import', 'elus', ...args], {
    env: { ...process.env, MAILLAGE_DATA_DIR: dataDir, DATABASE_URL: '' },
  }).catch((err: Result) => err);

/** Opens the CLI's embedded database between two runs (it is locked while a command runs). */
async function onDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) {
  const database = await openDatabase({ dataDir });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

const langres: [string, string] = ['52269', 'Langres'];
let networkId = '';
beforeAll(async () => {
  networkId = await onDatabase(async (db) => {
    const [n] = await db
      .insert(networks)
      .values({ slug: 'club-cli', name: 'Club de la ligne de commande', kind: 'club', territory: 'dep:52' })
      .returning();
    return n.id;
  });
}, 120_000);

describe('maillage import elus', () => {
  it('prints the summary with the bad lines by number, writes nothing in a dry run, then imports', async () => {
    const file = join(dir, 'elus-municipaux.csv');
    writeFileSync(
      file,
      `\uFEFF${[
        municipalHeader.join(';'),
        officialLine({ commune: langres, last: 'MAIRECLI', first: 'Hélène', fn: 'Maire' }),
        officialLine({ commune: ['52121', 'Chaumont'], last: 'CONSEILCLI', first: 'Paul', sex: 'M' }),
        officialLine({ commune: ['99999', 'Nulle part'], last: 'PERDU', first: 'Jean', sex: 'M' }),
        officialLine({ commune: ['54395', 'Nancy'], last: 'HORSCLI', first: 'Yves', sex: 'M' }),
        officialLine({ commune: langres, last: 'SANSDATE', first: 'Zoé', born: '1968-13-01' }),
      ].join('\r\n')}\r\n`,
    );
    const dry = await cli(file, '--network', 'club-cli', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(
      /^Vérification \(rien n’est enregistré\) — fichier des conseillers municipaux : 5 lignes en [\d,]+ s, 2 élus retenus, 1 hors du territoire du réseau, 2 lignes refusées\./m,
    );
    expect(dry.stdout).toContain(
      '  ligne 4 : Code de la commune « 99999 » inconnu du référentiel des territoires',
    );
    expect(dry.stdout).toContain('  ligne 6 : Date de naissance « 1968-13-01 » invalide (JJ/MM/AAAA)');
    expect(
      await onDatabase((db) =>
        db.select().from(relationContacts).where(eq(relationContacts.networkId, networkId)),
      ),
    ).toEqual([]);

    const real = await cli(file, '--network', 'club-cli');
    expect(real.code).toBe(1);
    expect(real.stdout).toMatch(
      /fichier des conseillers municipaux : 5 lignes en [\d,]+ s, 2 élus retenus \(2 nouveaux, 0 mandats terminés\), 1 hors du territoire du réseau, 2 lignes refusées\./,
    );
    const written = await onDatabase(async (db) => ({
      contacts: await db
        .select({ name: relationContacts.name, role: relationContacts.role, source: relationContacts.source })
        .from(relationContacts)
        .where(eq(relationContacts.networkId, networkId)),
      mandates: await db
        .select({ territoryCode: relationMandates.territoryCode, endedOn: relationMandates.endedOn })
        .from(relationMandates)
        .where(eq(relationMandates.networkId, networkId)),
      audits: await db.select().from(auditLog).where(eq(auditLog.action, 'relations.register-import')),
    }));
    expect(written.contacts.toSorted((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'Hélène MAIRECLI', role: 'Maire', source: 'register' },
      { name: 'Paul CONSEILCLI', role: 'Conseiller municipal', source: 'register' },
    ]);
    expect(written.mandates.map((m) => m.territoryCode).toSorted()).toEqual(['com:52121', 'com:52269']);
    expect(written.audits).toHaveLength(1);

    // A clean file: exit code 0, the same people found again (none new).
    writeFileSync(
      file,
      `${municipalHeader.join(';')}\n${officialLine({ commune: langres, last: 'MAIRECLI', first: 'Hélène', fn: 'Maire' })}\n`,
    );
    const again = await cli(file, '--network', 'club-cli');
    expect(again.code ?? 0).toBe(0);
    expect(again.stdout).toContain('1 élus retenus (0 nouveaux, 1 mandats terminés)');
  }, 180_000);

  it('refuses a file that is not the register, an unknown network, and a missing argument', async () => {
    const sirene = join(dir, 'sirene.csv');
    writeFileSync(sirene, 'siren;denominationUniteLegale\n123456789;Une entreprise\n');
    const notRegister = await cli(sirene, '--network', 'club-cli');
    expect(notRegister.code).toBe(1);
    expect(notRegister.stderr).toMatch(
      /Erreur : Fichier refusé : .*n’est pas un fichier du Répertoire national des élus/,
    );
    const unknown = await cli(sirene, '--network', 'pas-de-reseau');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Erreur : /m);
    const usage = await cli(sirene);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: maillage import elus <file|url> --network <slug> [--dry-run]');
  }, 120_000);
});
