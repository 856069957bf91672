import type { Deps } from '../../context.ts';
import { invalidInput, notFound } from '../../lib/errors.ts';
import { getTerritory } from '../territories/territories.service.ts';
import { getIndicators, listSnapshots } from './indicators.service.ts';
import { allDepartments, departmentsOf, scopeDepartments } from './scope.ts';

// The department map of the dashboard: for each department of a snapshot's scope (inside a territory), what that
// department's own dashboard publishes. Going through getIndicators keeps the map and the pages under the same
// secrecy rules; nothing is cached, so a new or replaced snapshot shows at once.

/** Departments of France, a region or a department that a snapshot's scope covers, with their published figures. */
export async function getDepartmentMap(db: Deps['db'], input: { territory?: string; snapshot?: string }) {
  const territory = getTerritory(input.territory ?? 'fr');
  if (!['country', 'region', 'department'].includes(territory.level))
    throw invalidInput(
      `La carte est faite pour la France, une région ou un département, pas : ${territory.code}`,
      {
        territory: 'France, région ou département attendu',
      },
    );
  const wanted = departmentsOf(territory.code) ?? allDepartments();
  const covered = (scope: string) => {
    const inScope = scopeDepartments(scope);
    return inScope ? wanted.filter((d) => inScope.includes(d)) : wanted;
  };
  const snapshots = await listSnapshots(db);
  const snapshot = input.snapshot
    ? snapshots.find((s) => s.month === input.snapshot)
    : snapshots.find((s) => covered(s.scope).length > 0);
  const codes = snapshot ? covered(snapshot.scope) : [];
  if (!snapshot || codes.length === 0) {
    // The same 404 as the territory's own dashboard: snapshot not imported, or territory outside its scope.
    await getIndicators(db, { territory: territory.code, snapshot: input.snapshot });
    throw notFound(`Aucun département de ${territory.name} dans l’instantané ${snapshot?.month ?? ''}`);
  }

  const departments = [];
  for (const code of codes.sort()) {
    const x = await getIndicators(db, { territory: `dep:${code}`, snapshot: snapshot.month });
    departments.push({
      code: x.territory.code,
      name: x.territory.name,
      employerEstablishments: x.employerEstablishments,
      jobs: x.jobs,
      privateJobsShare: x.share.jobs?.central ?? null,
      secret: x.secret,
    });
  }
  return {
    territory: { code: territory.code, name: territory.name, level: territory.level },
    snapshot: { month: snapshot.month, scope: snapshot.scope },
    departments,
  };
}
