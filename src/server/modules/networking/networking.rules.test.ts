import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import auditSentences from '../../../web/features/admin/audit-i18n.ts';
import { distancePoints, reasonText, searchQuery, significantWords } from './networking.rules.ts';

describe('networking rules', () => {
  it('builds a French prefix query from any spelling, and nothing from no word', () => {
    expect(searchQuery('Charpente')).toBe('(charpente:* | charpe:*)');
    expect(searchQuery('  bois  BOIS ')).toBe('bois:*');
    expect(searchQuery('Électricité générale')).toBe('(electricite:* | electric:*) & (generale:* | gener:*)');
    expect(searchQuery("l'&|!:*()")).toBe('l:*');
    expect(searchQuery('  ')).toBe('');
  });

  it('writes the reason of a suggestion in French', () => {
    expect(reasonText({ sector: 'Construction', place: '12 km', words: ['charpente', 'bois'] })).toBe(
      'même secteur : Construction ; 12 km ; mots en commun : charpente, bois',
    );
    expect(reasonText({ words: ['bois'] })).toBe('mots en commun : bois');
    expect(significantWords('Charpente BOIS, du bois et un toit')).toEqual(['charpente', 'bois', 'toit']);
    expect([5, 25, 50, 80].map(distancePoints)).toEqual([3, 2, 1, 0]);
  });

  it('has a French and an English audit sentence for every action the module writes', () => {
    // The actions written by recordAudit (lines with `action:`), not the mail kinds.
    const actions = new Set<string>();
    for (const file of readdirSync(import.meta.dirname)) {
      if (file.endsWith('.test.ts')) continue;
      for (const line of readFileSync(`${import.meta.dirname}/${file}`, 'utf8').split('\n')) {
        if (!line.includes('action:')) continue;
        for (const m of line.matchAll(/'(networking\.[a-z-]+)'/g)) actions.add(m[1]);
      }
    }
    expect(actions.size).toBe(15);
    for (const locale of ['fr', 'en'] as const) {
      const catalogue = auditSentences[locale].admin.audit.actions as Record<string, string>;
      expect(
        [...actions].filter((a) => !catalogue[a]),
        locale,
      ).toEqual([]);
    }
  });
});
