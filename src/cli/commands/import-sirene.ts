import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../../server/context.ts';
import { AppError } from '../../server/lib/errors.ts';
import { perimeterModes } from '../../server/modules/observatory/classification.ts';
import { writeDemoSireneFiles } from '../../server/modules/observatory/demo/sirene-demo.ts';
import { importOfficialFigures } from '../../server/modules/observatory/official-figures.service.ts';
import { parseScope } from '../../server/modules/observatory/scope.ts';
import { importSireneStock } from '../../server/modules/observatory/sirene-import.service.ts';
import type { Command } from '../command.ts';
import { withDeps } from '../command.ts';
import { progressDisplay } from '../progress.ts';

const fmt = (n: number) => Math.round(n).toLocaleString('fr-FR');
function printError(e: unknown) {
  if (e instanceof AppError) {
    console.error(`Erreur : ${e.message}`);
    return 1;
  }
  throw e;
}

export const importSireneCommand: Command = {
  name: 'import sirene',
  usage:
    'import sirene --legal-units <file|url> --establishments <file|url> [--region 44 | --departments 52,54] [--snapshot 2026-10]',
  description: 'Import a month of the Sirene stock (CSV, official zip or Parquet) into the observatory.',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        'legal-units': { type: 'string' },
        establishments: { type: 'string' },
        region: { type: 'string' },
        departments: { type: 'string' },
        snapshot: { type: 'string' },
        mode: { type: 'string' },
        'exclude-naf': { type: 'string' },
        'public-prefixes': { type: 'string' },
        report: { type: 'string' },
      },
    });
    if (!values['legal-units'] || !values.establishments) {
      console.error(`usage: maillage ${this.usage}`);
      return 2;
    }
    if (values.mode && !(perimeterModes as readonly string[]).includes(values.mode)) {
      console.error(`--mode : ${perimeterModes.join(' | ')}`);
      return 2;
    }
    const month = values.snapshot ?? new Date().toISOString().slice(0, 7);
    const reportPath = resolve(values.report ?? `sirene-rejets-${month}.csv`);
    const printer = progressDisplay();
    try {
      const scope = parseScope({ region: values.region, departments: values.departments?.split(',') });
      const opening = 'Ouverture de la base de données';
      printer.update({ label: opening, done: 0 });
      const result = await withDeps((deps) => {
        printer.update({ label: opening, done: 0, finished: true });
        return importSireneStock(deps, {
          legalUnits: values['legal-units']!,
          establishments: values.establishments!,
          month,
          scope,
          reportPath,
          settings: {
            mode: values.mode as never,
            excludedNaf: values['exclude-naf']?.split(','),
            publicPrefixes: values['public-prefixes']?.split(','),
          },
          onProgress: printer.update,
        });
      });
      printer.end();
      const r = result.rejected;
      console.log(
        `Instantané ${result.month} (${result.scope}, format ${result.formatVersion}) ${result.replacedSnapshot ? 'remplacé' : 'créé'} en ${result.seconds.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s : ` +
          `${fmt(result.establishmentsKept)} établissements actifs (dont ${fmt(result.employerEstablishments)} employeurs), ` +
          `${fmt(result.legalUnitsKept)} unités légales.`,
      );
      console.log(
        `Lignes écartées : ${fmt(r.malformed)} mal formées, ${fmt(r.badSiret)} SIRET invalides, ${fmt(r.unknownCommune)} communes inconnues, ${fmt(r.badSiren)} SIREN invalides, ${fmt(r.duplicate)} en double${result.reportPath ? ` — détail : ${result.reportPath}` : ''}.`,
      );
      return 0;
    } catch (e) {
      printer.end(false);
      return printError(e);
    }
  },
};

export const importOfficialFiguresCommand: Command = {
  name: 'import official-figures',
  usage: 'import official-figures <file.csv> [--dry-run]',
  description:
    'Import published ESS figures (territory, year, family, jobs, FTE, payroll, source…) for the observatory; --dry-run only checks.',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' } },
    });
    const file = positionals[0];
    if (!file) {
      console.error(`usage: maillage ${this.usage}`);
      return 2;
    }
    if (!existsSync(file)) {
      console.error(`Erreur : fichier introuvable : ${file}`);
      return 1;
    }
    const dryRun = Boolean(values['dry-run']);
    try {
      const result = await withDeps((deps) =>
        importOfficialFigures(deps, systemActor, readFileSync(file), { dryRun }),
      );
      const refused = new Set(result.errors.map((e) => e.line)).size;
      const lines = (n: number, what: string) =>
        `${fmt(n)} ligne${n > 1 ? 's' : ''} ${what}${n > 1 ? 's' : ''}`;
      console.log(
        dryRun
          ? `Vérification (rien n’est enregistré) : ${lines(result.valid, 'valide')} sur ${fmt(result.total)}, ${lines(refused, 'refusée')}.`
          : `${fmt(result.imported)} chiffre${result.imported > 1 ? 's' : ''} importé${result.imported > 1 ? 's' : ''} sur ${fmt(result.total)} lignes, ${lines(refused, 'refusée')}.`,
      );
      for (const e of result.errors) console.log(`  ligne ${e.line} : ${e.field} — ${e.reason}`);
      return refused ? 1 : 0;
    } catch (e) {
      return printError(e);
    }
  },
};

export const demoSireneFilesCommand: Command = {
  name: 'observatory demo-files',
  usage: 'observatory demo-files <folder> [--previous-year]',
  description:
    'Write demo Sirene stock files (format 3.11, Grand Est, labelled DÉMO) to try `import sirene` with.',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'previous-year': { type: 'boolean' } },
    });
    const dir = positionals[0];
    if (!dir) {
      console.error(`usage: maillage ${this.usage}`);
      return 2;
    }
    mkdirSync(dir, { recursive: true });
    const files = await writeDemoSireneFiles(resolve(dir), { vintage: values['previous-year'] ? 1 : 0 });
    console.log(
      `${fmt(files.establishmentRows)} établissements : ${files.establishments}\n${fmt(files.legalUnitRows)} unités légales : ${files.legalUnits}`,
    );
    console.log(
      `Ensuite : npx maillage import sirene --legal-units ${files.legalUnits} --establishments ${files.establishments} --region 44`,
    );
    return 0;
  },
};
