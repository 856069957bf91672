import { describe, expect, it } from 'vitest';
import {
  classificationSettings,
  classifyLegalUnit,
  defaultClassification,
  isExcludedNaf,
} from './classification.ts';
import { bracketTable, roundJobs, sizeClassOf } from './estimates.ts';
import { nafSectionOf, nafSections } from './naf-sections.ts';
import { primarySecret } from './secrecy.ts';
import {
  checkHeader,
  establishmentsHeader39,
  establishmentsHeader311,
  legalUnitsHeader311,
} from './sirene-format.ts';

describe('ESS perimeter', () => {
  const legal = classificationSettings({ mode: 'legal-category' });
  const flag = classificationSettings({ mode: 'flag' });
  const either = defaultClassification;

  it('legal-category mode: the family table decides, the flag is ignored', () => {
    expect(classifyLegalUnit({ legalCategory: '9220', nafCode: '88.10A' }, legal)).toBe('association');
    expect(classifyLegalUnit({ legalCategory: '5458', nafCode: '43.21A' }, legal)).toBe('cooperative');
    expect(classifyLegalUnit({ legalCategory: '8210', nafCode: '65.12Z' }, legal)).toBe('mutual');
    expect(classifyLegalUnit({ legalCategory: '9300', nafCode: '86.10Z' }, legal)).toBe('foundation');
    expect(classifyLegalUnit({ legalCategory: '5710', nafCode: '38.32Z', essFlag: 'O' }, legal)).toBe(
      'non_ess',
    );
  });

  it('flag mode: only flagged units; a flagged commercial company is an ESS company', () => {
    expect(classifyLegalUnit({ legalCategory: '9220', nafCode: '88.10A', essFlag: '' }, flag)).toBe(
      'non_ess',
    );
    expect(classifyLegalUnit({ legalCategory: '9220', nafCode: '88.10A', essFlag: 'O' }, flag)).toBe(
      'association',
    );
    expect(classifyLegalUnit({ legalCategory: '5710', nafCode: '38.32Z', essFlag: 'O' }, flag)).toBe(
      'ess_company',
    );
  });

  it('either mode (default): in the table or flagged', () => {
    expect(classifyLegalUnit({ legalCategory: '9220', nafCode: '88.10A', essFlag: 'N' }, either)).toBe(
      'association',
    );
    expect(classifyLegalUnit({ legalCategory: '5710', nafCode: '38.32Z', essFlag: 'O' }, either)).toBe(
      'ess_company',
    );
    expect(classifyLegalUnit({ legalCategory: '5710', nafCode: '38.32Z', essFlag: 'N' }, either)).toBe(
      'non_ess',
    );
  });

  it('excludes public administration, employer bodies, unions, political and religious organisations (configurable)', () => {
    for (const naf of ['84.11Z', '94.11Z', '94.20Z', '94.91Z', '94.92Z'])
      expect(classifyLegalUnit({ legalCategory: '9220', nafCode: naf }, either)).toBe('non_ess');
    expect(classifyLegalUnit({ legalCategory: '9220', nafCode: '94.12Z' }, either)).toBe('association');
    expect(
      classifyLegalUnit(
        { legalCategory: '9220', nafCode: '94.11Z' },
        classificationSettings({ excludedNaf: [] }),
      ),
    ).toBe('association');
    expect(isExcludedNaf('84.30A', ['84'])).toBe(true);
  });

  it('unsure legal categories count only when configured; public bodies never count', () => {
    expect(classifyLegalUnit({ legalCategory: '9240', nafCode: '88.99B' }, either)).toBe('non_ess');
    expect(
      classifyLegalUnit(
        { legalCategory: '9240', nafCode: '88.99B' },
        classificationSettings({ includeUnsureCategories: true }),
      ),
    ).toBe('association');
    expect(classifyLegalUnit({ legalCategory: '7364', nafCode: '86.10Z', essFlag: 'O' }, either)).toBe(
      'non_ess',
    );
  });
});

describe('estimates and references', () => {
  it('maps brackets to size classes and gives bounds for a missing bracket', () => {
    expect(['00', '01', '03', '11', '12', '21', '31', '32', '53', ''].map(sizeClassOf)).toEqual([
      '0',
      '1-9',
      '1-9',
      '10-49',
      '10-49',
      '50-249',
      '50-249',
      '250+',
      '250+',
      '?',
    ]);
    const unknown = bracketTable().find(([code]) => code === '?')!;
    expect(unknown.slice(1, 4)).toEqual([1, Math.SQRT2, 2]);
  });

  it('rounds job counts as the published notes do: to the hundred from 10,000, to the ten from 1,000', () => {
    expect([30_619, 30_650, 2_058, 999, 250].map(roundJobs)).toEqual([30_600, 30_700, 2_060, 999, 250]);
  });

  it('has the 21 NAF sections and finds the section of a code', () => {
    expect(nafSections).toHaveLength(21);
    expect(nafSectionOf('88.99B')).toBe('Q');
    expect(nafSectionOf('01.61Z')).toBe('A');
    expect(nafSectionOf('')).toBeNull();
  });
});

describe('statistical secrecy', () => {
  it('hides cells under 3 units or dominated by one unit', () => {
    expect(primarySecret({ establishments: 2, jobs: 10, maxJobs: 5 })).toBe(true);
    expect(primarySecret({ establishments: 5, jobs: 100, maxJobs: 86 })).toBe(true);
    expect(primarySecret({ establishments: 5, jobs: 100, maxJobs: 85 })).toBe(false);
  });
});

describe('Sirene headers', () => {
  it('tells 3.9 from 3.11 and names what is wrong', () => {
    expect(checkHeader('establishments', establishmentsHeader311)).toBe('3.11');
    expect(checkHeader('establishments', establishmentsHeader39)).toBe('3.9');
    expect(() => checkHeader('establishments', legalUnitsHeader311)).toThrow(/celui des unités légales/);
    expect(() =>
      checkHeader(
        'establishments',
        establishmentsHeader311.filter((c) => c !== 'siret'),
      ),
    ).toThrow('colonnes manquantes : siret');
  });
});
