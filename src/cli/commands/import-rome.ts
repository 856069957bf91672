import { parseArgs } from 'node:util';
import { systemActor } from '../../server/context.ts';
import { AppError } from '../../server/lib/errors.ts';
import { importRome } from '../../server/modules/gtec/rome.import.ts';
import type { Command } from '../command.ts';
import { withDeps } from '../command.ts';

const fmt = (n: number) => Math.round(n).toLocaleString('fr-FR');
const kinds = { codes: 'codes ROME', appellations: 'appellations', domains: 'domaines' };

export const importRomeCommand: Command = {
  name: 'import rome',
  usage: 'import rome <dir|files|urls> [--dry-run] [--excerpt]',
  description:
    'Import France Travail’s ROME referential (unix_referentiel_code_rome, unix_referentiel_appellation, unix_cr_gd_dp CSV files), replacing the previous version; --dry-run only checks.',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        excerpt: { type: 'boolean', default: false },
      },
    });
    if (positionals.length === 0) {
      console.error(`usage: maillage ${this.usage}`);
      return 2;
    }
    try {
      const r = await withDeps((deps) =>
        importRome(deps, systemActor, {
          sources: positionals,
          dryRun: values['dry-run'],
          excerpt: values.excerpt,
        }),
      );
      console.log(
        `${r.dryRun ? 'Vérification (rien n’est enregistré) — ' : ''}ROME ${r.version} : ${fmt(r.codes)} codes, ${fmt(r.appellations)} appellations, ${fmt(r.domains)} domaines${r.dryRun ? '' : ' (la version précédente est remplacée)'}.`,
      );
      let bad = 0;
      for (const f of r.files) {
        bad += f.bad;
        console.log(
          `  ${f.name} (${kinds[f.kind]}) : ${fmt(f.lines)} lignes, ${fmt(f.kept)} retenues, ${fmt(f.bad)} refusées`,
        );
        for (const e of f.errors) console.log(`    ligne ${e.line} : ${e.reason}`);
        if (f.bad > f.errors.length)
          console.log(`    … et ${fmt(f.bad - f.errors.length)} autres lignes refusées`);
      }
      return bad ? 1 : 0;
    } catch (e) {
      if (e instanceof AppError) {
        console.error(`Erreur : ${e.message}${e.fields ? ` (${Object.values(e.fields).join(' ; ')})` : ''}`);
        return 1;
      }
      throw e;
    }
  },
};
