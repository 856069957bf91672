import { parseArgs } from 'node:util';
import { systemActor } from '../../server/context.ts';
import { AppError } from '../../server/lib/errors.ts';
import { importElectedOfficials } from '../../server/modules/relations/relations.import.ts';
import type { Command } from '../command.ts';
import { withDeps } from '../command.ts';
import { progressDisplay } from '../progress.ts';

const fmt = (n: number) => Math.round(n).toLocaleString('fr-FR');
const mandates = {
  municipal: 'conseillers municipaux',
  epci: 'conseillers communautaires',
  departmental: 'conseillers départementaux',
  regional: 'conseillers régionaux',
};

export const importElusCommand: Command = {
  name: 'import elus',
  usage: 'import elus <file|url> --network <slug> [--dry-run]',
  description:
    'Import a file of the Répertoire national des élus (one CSV per mandate) into a network’s relations log; --dry-run only checks.',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { network: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    });
    const source = positionals[0];
    if (!source || !values.network) {
      console.error(`usage: maillage ${this.usage}`);
      return 2;
    }
    const printer = progressDisplay();
    try {
      const r = await withDeps((deps) =>
        importElectedOfficials(deps, systemActor, {
          source,
          network: values.network!,
          dryRun: values['dry-run'],
          onProgress: printer.update,
        }),
      );
      printer.end();
      console.log(
        `${r.dryRun ? 'Vérification (rien n’est enregistré) — ' : ''}fichier des ${mandates[r.mandate]} : ${fmt(r.lines)} lignes en ${r.seconds.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s, ` +
          `${fmt(r.kept)} élus retenus${r.dryRun ? '' : ` (${fmt(r.created)} nouveaux, ${fmt(r.ended)} mandats terminés)`}, ` +
          `${fmt(r.outside)} hors du territoire du réseau, ${fmt(r.bad)} lignes refusées.`,
      );
      for (const e of r.errors) console.log(`  ligne ${e.line} : ${e.reason}`);
      if (r.bad > r.errors.length)
        console.log(`  … et ${fmt(r.bad - r.errors.length)} autres lignes refusées`);
      return r.bad ? 1 : 0;
    } catch (e) {
      printer.end(false);
      if (e instanceof AppError) {
        console.error(`Erreur : ${e.message}`);
        return 1;
      }
      throw e;
    }
  },
};
