import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { withLuhnDigit } from '../company-identity/siret.ts';
import { decodeCsv, detectDelimiter, parseOrganizationsCsv } from './organizations.csv.ts';
import { renderDescription } from './organizations.markdown.ts';
import { mergeFields, prepareOrganization } from './organizations.rules.ts';

const siren = withLuhnDigit('41234567');
const siret = withLuhnDigit(`${siren}0001`);

describe('prepareOrganization', () => {
  it('derives SIREN, NAF section, territory parents, family and search keys', () => {
    const result = prepareOrganization(
      mergeFields(undefined, {
        name: 'Coopérative Saint-Éloi',
        acronym: 'CSE',
        siret: `${siret.slice(0, 3)} ${siret.slice(3)}`,
        legalCategory: '5458',
        nafCode: '4711D',
        communeCode: '52448',
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row).toMatchObject({
      siret,
      siren,
      nafCode: '47.11D',
      nafSection: 'G',
      communeCode: '52448',
      departmentCode: '52',
      regionCode: '44',
      essFamily: 'cooperative',
      nameKey: 'cooperative st eloi',
      searchText: 'cooperative st eloi cse st dizier',
    });
  });

  it('reports every bad field at once', () => {
    const result = prepareOrganization(
      mergeFields(undefined, { name: 'X', siret: '12345678901234', nafCode: '00.00Z', communeCode: '00000' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fields).sort()).toEqual(['communeCode', 'nafCode', 'siret']);
  });

  it('refuses a SIREN that is not the SIRET’s, accepts La Poste SIRETs', () => {
    const mismatch = prepareOrganization(mergeFields(undefined, { name: 'X', siret, siren: '732829320' }));
    expect(mismatch.ok ? null : mismatch.fields.siren).toMatch(/ne correspond pas/);
    const laPoste = prepareOrganization(
      mergeFields(undefined, { name: 'La Poste', siret: '35600000000042' }),
    );
    expect(laPoste.ok).toBe(true);
  });

  it('lets a new SIRET replace the SIREN on update', () => {
    const other = withLuhnDigit(`${withLuhnDigit('51234567')}0001`);
    const fields = mergeFields({ name: 'X', siret, siren, tags: [] }, { siret: other });
    const result = prepareOrganization(fields);
    expect(result.ok && result.row.siren).toBe(other.slice(0, 9));
  });
});

describe('CSV helpers', () => {
  it('detects the separator and decodes UTF-8 only', () => {
    expect(detectDelimiter('Nom;SIRET;Commune\n"a,b";1;2')).toBe(';');
    expect(detectDelimiter('name,siret\nx,1')).toBe(',');
    expect(decodeCsv(Buffer.from('\uFEFFNom\nÉté', 'utf8'))).toBe('Nom\nÉté');
    expect(() => decodeCsv(Buffer.from([0x4e, 0x6f, 0x6d, 0x0a, 0xc9, 0x74, 0xe9]))).toThrow(AppError);
  });

  it('maps French and English headers and counts physical lines', () => {
    const { rows, ignoredColumns } = parseOrganizationsCsv(
      'Raison sociale;Code APE;CP;Inconnue\n"Asso\nsur deux lignes";8899B;54000;x\nSuite;;;\n',
    );
    expect(ignoredColumns).toEqual(['Inconnue']);
    expect(rows).toEqual([
      { line: 2, cells: { name: 'Asso\nsur deux lignes', nafCode: '8899B', postalCode: '54000' } },
      { line: 4, cells: { name: 'Suite' } },
    ]);
  });
});

describe('description rendering', () => {
  it('renders Markdown and strips scripts, iframes, handlers and javascript: links', () => {
    const html = renderDescription(
      '# Titre\n\n<script>alert(1)</script><iframe src="x"></iframe><img src=x onerror="alert(1)">\n[lien](javascript:alert(1)) [ok](https://ok.example)',
    );
    expect(html).toContain('<h2>Titre</h2>');
    expect(html).not.toMatch(/<script|<iframe|onerror|javascript:|<img/i);
    expect(html).toContain('href="https://ok.example"');
  });
});
