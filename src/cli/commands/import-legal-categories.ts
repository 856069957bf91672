import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../server/lib/errors.ts';
import { importLegalCategories } from '../../server/modules/company-identity/legal-categories.import.ts';
import type { Command } from '../command.ts';
import { withDeps } from '../command.ts';

export const importLegalCategoriesCommand: Command = {
  name: 'import legal-categories',
  usage: 'import legal-categories <file.csv> [--dry-run]',
  description:
    'Import INSEE’s labels of the legal categories (nomenclature niveau III, CSV with Code and Libellé columns).',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false } },
    });
    const file = positionals[0];
    if (!file) {
      console.error(`usage: maillage ${this.usage}`);
      return 2;
    }
    const content = readFileSync(file);
    return withDeps(async (deps) => {
      try {
        const report = await importLegalCategories(deps, content, { dryRun: values['dry-run'] });
        const verb = report.dryRun ? 'would be' : 'were';
        console.log(
          `${report.total} line${report.total === 1 ? '' : 's'}, ${report.valid} valid: ${report.created} labels ${verb} added, ${report.updated} ${verb} replaced.`,
        );
        for (const e of report.errors) console.log(`  line ${e.line}: ${e.reason}`);
        return report.errors.length ? 1 : 0;
      } catch (err) {
        if (err instanceof AppError) {
          console.error(err.message);
          return 1;
        }
        throw err;
      }
    });
  },
};
