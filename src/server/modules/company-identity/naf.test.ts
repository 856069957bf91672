import { describe, expect, it } from 'vitest';
import { labelledLegalCategories, legalCategoryLabel } from './legal-categories.ts';
import { canonicalNafCode, findNaf, nafSections, nafSubclasses, searchNaf } from './naf.ts';

describe('NAF rév. 2', () => {
  it('carries the 732 sub-classes in 21 sections, each division in exactly one section', () => {
    expect(nafSubclasses).toHaveLength(732);
    expect(new Set(nafSubclasses.map((n) => n.code)).size).toBe(732);
    expect(nafSections.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRSTU');
    for (const n of nafSubclasses) {
      expect(n.code).toMatch(/^\d{2}\.\d{2}[A-Z]$/);
      expect(n.section, n.code).toMatch(/^[A-U]$/);
      expect(n.label.trim()).toBe(n.label);
      expect(n.label).not.toMatch(/\s{2}|\n/);
    }
    const perSection = (s: string) => nafSubclasses.filter((n) => n.section === s).length;
    expect(perSection('C')).toBe(259);
    expect(perSection('U')).toBe(1);
  });

  it('accepts codes with or without the dot and stores them with it', () => {
    expect(canonicalNafCode('8899B')).toBe('88.99B');
    expect(canonicalNafCode(' 88.99b ')).toBe('88.99B');
    expect(canonicalNafCode('88.99C')).toBeUndefined();
    expect(canonicalNafCode('8899')).toBeUndefined();
    expect(findNaf('9499Z')).toMatchObject({
      section: 'S',
      label: 'Autres organisations fonctionnant par adhésion volontaire',
    });
    expect(findNaf('01.11Z')?.section).toBe('A');
    expect(findNaf('99.00Z')?.section).toBe('U');
  });

  it('searches by code prefix and by label words without accents', () => {
    expect(searchNaf('85.5').map((n) => n.code)).toEqual(['85.51Z', '85.52Z', '85.53Z', '85.59A', '85.59B']);
    expect(searchNaf('hebergement medicalise').map((n) => n.code)).toEqual(['87.10A', '87.10B', '87.10C']);
    expect(searchNaf(undefined, 5)).toHaveLength(5);
  });
});

describe('legal category labels', () => {
  it('labels the categories of the ESS table only', () => {
    expect(legalCategoryLabel('9220')).toBe('Association déclarée');
    expect(legalCategoryLabel('9300')).toBe('Fondation');
    expect(legalCategoryLabel('5458')).toBe('Société coopérative');
    expect(legalCategoryLabel('5458', new Map([['5458', 'SCOP (libellé importé)']]))).toBe(
      'SCOP (libellé importé)',
    );
    expect(legalCategoryLabel('5710')).toBeUndefined();
    expect(labelledLegalCategories(['9220', '5710']).map((c) => c.code)).toEqual(['9220']);
  });
});
