import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../server/context.ts';
import { AppError } from '../../server/lib/errors.ts';
import { networks } from '../../server/modules/accounts/accounts.tables.ts';
import { importOrganizations } from '../../server/modules/organizations/organizations.import.ts';
import type { Command } from '../command.ts';
import { withDeps } from '../command.ts';

export const importOrganizationsCommand: Command = {
  name: 'import organizations',
  usage: 'import organizations <file.csv> [--dry-run] [--network <slug>]',
  description: 'Import organisations from CSV (UTF-8, `,` or `;`; upsert by SIRET), as in the web import.',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false }, network: { type: 'string' } },
    });
    const file = positionals[0];
    if (!file) {
      console.error(`usage: maillage ${this.usage}`);
      return 2;
    }
    const content = readFileSync(file);
    return withDeps(async (deps) => {
      let networkId: string | undefined;
      if (values.network) {
        const [network] = await deps.db
          .select({ id: networks.id })
          .from(networks)
          .where(eq(networks.slug, values.network));
        if (!network) {
          console.error(`Unknown network: ${values.network}`);
          return 2;
        }
        networkId = network.id;
      }
      try {
        const report = await importOrganizations(deps, systemActor, content, {
          dryRun: values['dry-run'],
          networkId,
        });
        const verb = report.dryRun ? 'would be' : 'were';
        console.log(
          `${report.total} rows, ${report.valid} valid: ${report.created} ${verb} created, ${report.updated} ${verb} updated.`,
        );
        if (report.ignoredColumns.length) console.log(`Ignored columns: ${report.ignoredColumns.join(', ')}`);
        for (const e of report.errors) console.log(`  line ${e.line}, ${e.field}: ${e.reason}`);
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
