import { invalidInput } from '../../lib/errors.ts';
import { loadReference } from '../territories/territories.data.ts';
import { canonicalTerritoryCode } from '../territories/territories.service.ts';

// A snapshot's scope: France, or a set of departments (a region is its departments). A territory's indicators are
// only given when all of it lies inside the scope (an EPCI counts as part of its reference department).

export type Scope = { label: string; departments: string[] | null };

export function allDepartments(): string[] {
  const ref = loadReference();
  return [...ref.byCode.values()].filter((t) => t.level === 'department').map((t) => t.officialCode);
}

/** "fr" | "region:44" | "dep:52,dep:54" (or plain department codes) → scope. */
export function parseScope(input: { region?: string; departments?: string[] }): Scope {
  const ref = loadReference();
  if (input.region) {
    const code = canonicalTerritoryCode(`region:${input.region.replace(/^region:/, '')}`);
    if (!code) throw invalidInput(`Région inconnue : ${input.region}`, { region: 'région inconnue' });
    return { label: code, departments: (ref.children.get(code) ?? []).map((d) => d.slice(4)) };
  }
  if (input.departments?.length) {
    const deps = input.departments.map((d) => {
      const code = canonicalTerritoryCode(`dep:${d.trim().replace(/^dep:/, '')}`);
      if (!code)
        throw invalidInput(`Département inconnu : ${d}`, { departments: `département inconnu : ${d}` });
      return code.slice(4);
    });
    return { label: deps.map((d) => `dep:${d}`).join(','), departments: [...new Set(deps)] };
  }
  return { label: 'fr', departments: null };
}

/** Departments a stored scope label covers (null = all). */
export function scopeDepartments(label: string): string[] | null {
  if (label === 'fr') return null;
  const ref = loadReference();
  return label
    .split(',')
    .flatMap((c) =>
      c.startsWith('region:') ? (ref.children.get(c) ?? []).map((d) => d.slice(4)) : [c.slice(4)],
    );
}

/** The departments a territory spans (null = the whole country). */
export function departmentsOf(territoryCode: string): string[] | null {
  const ref = loadReference();
  const t = ref.byCode.get(territoryCode);
  if (!t || t.level === 'country') return null;
  if (t.level === 'department') return [t.officialCode];
  if (t.level === 'region') return (ref.children.get(t.code) ?? []).map((d) => d.slice(4));
  const dep = t.parents.find((p) => p.startsWith('dep:'));
  return dep ? [dep.slice(4)] : [];
}

export function scopeCovers(scopeLabel: string, territoryCode: string): boolean {
  const scope = scopeDepartments(scopeLabel);
  if (!scope) return true;
  const deps = departmentsOf(territoryCode);
  return Boolean(deps?.every((d) => scope.includes(d)));
}
