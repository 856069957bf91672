import { readFileSync, rmSync } from 'node:fs';
import type { DemoSeeder } from '../../../cli/demo/types.ts';
import type { Deps } from '../../context.ts';
import { ownTempDir, removeTemp } from '../../lib/temp-files.ts';
import { writeDemoSireneFiles } from './demo/sirene-demo.ts';
import { importOfficialFigures } from './official-figures.service.ts';
import { parseScope } from './scope.ts';
import { importSireneStock } from './sirene-import.service.ts';

// The observatory's demo: the published reference figures (demo/reference-figures.csv, sources from shared
// docs/domain.md), then two monthly Sirene snapshots of Grand Est generated in the 3.11 format and imported through
// the same service as the command line. The Sirene part takes ~15 s per month on the embedded database, so it runs
// in the background after start; the dashboards say "no snapshot yet" until the first month lands.

export const referenceFiguresCsv = () =>
  readFileSync(new URL('./demo/reference-figures.csv', import.meta.url), 'utf8');
export const demoMonths = ['2026-10', '2025-10'] as const;

/** Writes the demo files and imports them, newest month first. */
export async function importDemoSnapshots(
  deps: Pick<Deps, 'db' | 'clock'>,
  months: readonly string[] = demoMonths,
) {
  const dir = ownTempDir('demo-sirene');
  try {
    for (const [i, month] of months.entries()) {
      const files = await writeDemoSireneFiles(dir, { vintage: i === 0 ? 0 : 1 });
      await importSireneStock(deps, { ...files, month, scope: parseScope({ region: '44' }), isDemo: true });
      rmSync(files.legalUnits);
      rmSync(files.establishments);
    }
  } finally {
    removeTemp(dir);
  }
}

/** The last background import, so that tests (and a clean shutdown) can wait for it. */
export let observatoryDemoDone: Promise<void> = Promise.resolve();

export const observatoryDemo: DemoSeeder = {
  name: 'observatory',
  async run(ctx) {
    // On behalf of the demo chamber, whose coordinator may then remove them (Administration › Chiffres publiés).
    await importOfficialFigures(ctx.deps, ctx.actors.chamberCoordinator, referenceFiguresCsv(), {
      isDemo: true,
      networkId: ctx.networks.chamber.id,
    });
    const started = performance.now();
    observatoryDemoDone = importDemoSnapshots(ctx.deps).then(
      () =>
        ctx.deps.log.info(
          `Observatory demo: Sirene snapshots imported in ${Math.round(performance.now() - started)} ms`,
        ),
      (err: Error) => ctx.deps.log.warn(`Observatory demo: Sirene import stopped (${err.message})`),
    );
  },
};
