import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../server/lib/errors.ts';
import { exportOrganizationsCsv } from '../../server/modules/organizations/organizations.export.ts';
import type { Command } from '../command.ts';
import { withDeps } from '../command.ts';

export const exportOrganizationsCommand: Command = {
  name: 'export organizations',
  usage: 'export organizations <file.csv> [--territory dep:54] [--q text]',
  description: 'Export the directory (or a search) as Excel-friendly CSV (UTF-8 BOM, `;`).',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { territory: { type: 'string' }, q: { type: 'string' } },
    });
    const file = positionals[0];
    if (!file) {
      console.error(`usage: maillage ${this.usage}`);
      return 2;
    }
    return withDeps(async (deps) => {
      try {
        const { csv, count } = await exportOrganizationsCsv(deps.db, {
          territory: values.territory,
          q: values.q,
        });
        writeFileSync(resolve(file), csv);
        console.log(`${count} organisations written to ${resolve(file)}`);
        return 0;
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
