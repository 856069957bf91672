import { describe, expect, it } from 'vitest';
import { essFamilyOf, familyOfLegalCategory, isPublicLegalCategory } from './ess-family.ts';
import { centralJobs, findHeadcountBracket } from './headcount.ts';
import { isValidSiren, isValidSiret, siretProblem, withLuhnDigit } from './siret.ts';

describe('SIREN / SIRET', () => {
  it('accepts Luhn-valid identifiers and refuses others', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(siretProblem('7328293200007')).toMatch(/14 chiffres/);
    expect(siretProblem('7328293200007A')).toMatch(/chiffres/);
  });

  it('checks La Poste SIRETs by digit sum divisible by 5', () => {
    // digit sums: 3+5+6+4+2 = 20 → valid; 3+5+6+4+8 = 26 → invalid
    expect(isValidSiret('35600000000042')).toBe(true);
    expect(isValidSiret('35600000000048')).toBe(false);
  });

  it('completes a valid check digit', () => {
    expect(isValidSiren(withLuhnDigit('12345678'))).toBe(true);
  });
});

describe('ESS family', () => {
  it('maps legal categories through the documented table', () => {
    expect(familyOfLegalCategory('9220')).toBe('association');
    expect(familyOfLegalCategory('9300')).toBe('foundation');
    expect(familyOfLegalCategory('8210')).toBe('mutual');
    expect(familyOfLegalCategory('5458')).toBe('cooperative');
    expect(familyOfLegalCategory('6596')).toBe('cooperative');
    expect(familyOfLegalCategory('5710')).toBeUndefined();
    expect(familyOfLegalCategory('9224')).toBeUndefined();
    expect(familyOfLegalCategory('9224', { includeUnsure: true })).toBe('association');
  });

  it('counts a commercial company only with ESUS approval or the ESS flag', () => {
    expect(essFamilyOf({ legalCategory: '5710' })).toBe('non_ess');
    expect(essFamilyOf({ legalCategory: '5710', esus: true })).toBe('ess_company');
    expect(essFamilyOf({ legalCategory: '5499', essFlag: true })).toBe('ess_company');
    expect(essFamilyOf({ legalCategory: '7220', essFlag: true })).toBe('non_ess');
  });

  it('treats categories 7xxx and 4xxx as public', () => {
    expect(isPublicLegalCategory('7210')).toBe(true);
    expect(isPublicLegalCategory('4110')).toBe(true);
    expect(isPublicLegalCategory('9220')).toBe(false);
  });
});

describe('headcount brackets', () => {
  it('gives bounds and a central estimate', () => {
    const b = findHeadcountBracket('12')!;
    expect([b.low, b.high]).toEqual([20, 49]);
    expect(centralJobs(b)).toBeCloseTo(31.3, 1);
    expect(centralJobs(findHeadcountBracket('NN')!)).toBe(0);
  });
});
