import { describe, expect, it } from 'vitest';
import { essFamilyOf } from '../../server/modules/company-identity/ess-family.ts';
import { findNaf } from '../../server/modules/company-identity/naf.ts';
import { isValidSiret } from '../../server/modules/company-identity/siret.ts';
import { communeAncestry } from '../../server/modules/territories/territories.service.ts';
import { demoPlan, GRAND_EST } from './directory.ts';
import { demoSiren, generateOrganizations } from './generate.ts';
import { createRng } from './prng.ts';

describe('demo generator', () => {
  const rows = generateOrganizations(demoPlan);

  it('is deterministic', () => {
    const again = generateOrganizations(demoPlan);
    expect(again).toEqual(rows);
    expect(createRng('a').next()).toBe(createRng('a').next());
    expect(createRng('a').next()).not.toBe(createRng('b').next());
  });

  it('keeps the region’s ESS proportions and adds the club’s companies', () => {
    const families: Record<string, number> = {};
    for (const r of rows) {
      const f = essFamilyOf({ legalCategory: r.legalCategory, esus: r.esus });
      families[f] = (families[f] ?? 0) + 1;
    }
    const ess = families.association + families.cooperative + families.mutual + families.foundation;
    expect(ess).toBe(300);
    expect(families.association / ess).toBeCloseTo(0.77, 2);
    expect(families.cooperative / ess).toBeCloseTo(0.16, 2);
    expect(families.mutual / ess).toBeCloseTo(0.03, 2);
    expect(families.foundation / ess).toBeCloseTo(0.04, 2);
    expect(families.ess_company).toBe(8);
    expect(families.non_ess).toBe(100);
  });

  it('makes valid-format, unique identifiers and known codes, all labelled demo', () => {
    expect(new Set(rows.map((r) => r.siret)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    for (const r of rows) {
      expect(isValidSiret(r.siret), r.siret).toBe(true);
      expect(r.siret.startsWith(r.siren)).toBe(true);
      expect(findNaf(r.nafCode), r.nafCode).toBeDefined();
      const commune = communeAncestry(r.communeCode);
      expect(commune?.regionCode).toBe('44');
      expect(r.isDemo).toBe(true);
      expect(r.description).toMatch(/fictive/);
    }
    expect(new Set(Array.from({ length: 1000 }, (_, i) => demoSiren(i))).size).toBe(1000);
  });

  it('spreads organisations over the 10 departments by population, and the club in southern Haute-Marne', () => {
    const byDep = new Map<string, number>();
    for (const r of rows.filter((x) => x.kind !== 'company'))
      byDep.set(r.departmentCode, (byDep.get(r.departmentCode) ?? 0) + 1);
    expect([...byDep.keys()].sort()).toEqual([...GRAND_EST].sort());
    // Bas-Rhin (1.16 M inhabitants) has more than the Meuse (0.18 M).
    expect(byDep.get('67')!).toBeGreaterThan(byDep.get('55')! * 2);
    const club = rows.filter((x) => x.kind === 'company');
    expect(club.every((r) => r.departmentCode === '52')).toBe(true);
    expect(club.some((r) => r.communeName === 'Langres' || r.postalCode === '52200')).toBe(true);
  });
});
