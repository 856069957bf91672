import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSireneFixture } from '../../server/modules/observatory/test-fixtures.ts';

// `maillage import sirene` as a coordinator runs it, in a real process on its own embedded database: the progress it
// writes without a terminal (a log, a cron job), the summary, the report of bad rows, and a refused file.
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'maillage-cli-sirene-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) =>
  run(process.execPath, ['bin/maillage.js', 'import', 'sirene', ...args], {
    env: { ...process.env, MAILLAGE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
  });

const ess = { category: '9220', essFlag: 'O', commune: '54395', bracket: '03' };

describe('maillage import sirene', () => {
  it('shows each step with its count and time, then the summary and where the report of bad rows is', async () => {
    const files = writeSireneFixture(dir, [ess, ess, ess, { ...ess, commune: '54999' }]);
    const report = join(dir, 'rejets.csv');
    const { stdout, stderr } = await cli(
      '--legal-units',
      files.legalUnits,
      '--establishments',
      files.establishments,
      '--departments',
      '54',
      '--snapshot',
      '2026-10',
      '--report',
      report,
    );
    const lines = stderr.trim().split('\n');
    // Dated lines: each task when it starts and when it ends, in order.
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);
    const ended = lines.filter((l) => l.includes(' ✓ ')).map((l) => l.split(' ✓ ')[1]);
    // The legal units are read while the establishments are written: those two may end in either order.
    const names = ended.map((l) => l.split(/ :| \(/)[0]);
    expect(names[0]).toBe('Ouverture de la base de données');
    expect(names.at(-1)).toBe('Bascule de l’instantané');
    expect(names.toSorted()).toEqual(
      [
        'Ouverture de la base de données',
        'Lecture des établissements',
        'Lecture des unités légales',
        'Écriture des établissements',
        'Écriture des unités légales et des agrégats, secret statistique',
        'Rapport des lignes écartées',
        'Bascule de l’instantané',
      ].toSorted(),
    );
    expect(ended).toContainEqual(
      expect.stringMatching(/^Écriture des établissements : 3 lignes en \d+,\d s/),
    );
    expect(stdout).toMatch(
      /^Instantané 2026-10 \(dep:54, format 3\.11\) créé en [\d,]+ s : 3 établissements/,
    );
    expect(stdout).toContain(`1 communes inconnues, 0 SIREN invalides, 0 en double — détail : ${report}`);
    expect(readFileSync(report, 'utf8')).toMatch(/etablissements;5;commune inconnue \(54999\)/);
  }, 60_000);

  it('refuses a file that is not Sirene with a message naming the file and why, exit code 1', async () => {
    const files = writeSireneFixture(dir, [ess]);
    const notSirene = join(dir, 'not-sirene.csv');
    writeFileSync(notSirene, 'nom,prenom\nDUPONT,JEAN\n');
    const err = await cli('--legal-units', files.legalUnits, '--establishments', notSirene).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(/Erreur : Fichier des établissements refusé : .*pas un fichier Sirene/);
  }, 60_000);

  it('checks a CSV of published figures with --dry-run: counts, the refused rows by line, exit code 1', async () => {
    const figures = join(dir, 'chiffres.csv');
    writeFileSync(figures, 'territory;year;jobs;source\ndep:54;2025;30500;Presse\ndep:99;20x;1;X\n');
    const err = await run(
      process.execPath,
      ['bin/maillage.js', 'import', 'official-figures', figures, '--dry-run'],
      {
        env: { ...process.env, MAILLAGE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
      },
    ).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stdout.split('\n')).toEqual([
      'Vérification (rien n’est enregistré) : 1 ligne valide sur 2, 1 ligne refusée.',
      '  ligne 3 : territory — territoire inconnu : dep:99',
      '  ligne 3 : year — année invalide : 20x',
      '',
    ]);
  }, 60_000);
});
