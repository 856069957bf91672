import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminActor, createTestApp, type TestContext } from '../../testing.ts';
import { buildOrganization } from '../organizations/organizations.factory.ts';
import { importOrganizations } from '../organizations/organizations.import.ts';
import { importLegalCategories } from './legal-categories.import.ts';

// The import of INSEE's nomenclature of legal categories on small files written here (the labels are made up for
// the test, not INSEE's wording), and the labels the directory then shows, on the embedded database or PostgreSQL.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const importFile = (file: Buffer | string, dryRun = false) => importLegalCategories(t.deps, file, { dryRun });
/** The errors of a dry-run organisations import of one row whose legal category is written as `written`. */
const categoryErrors = async (written: string) =>
  (
    await importOrganizations(t.deps, adminActor, `Nom;Catégorie juridique\nEssai;${written}\n`, {
      dryRun: true,
    })
  ).errors;
const pageLabel = async (id: string) =>
  (await t.app.inject({ url: `/api/organizations/${id}` })).json().legalCategoryLabel;
const referenceLabel = async (code: string) =>
  (
    (await t.app.inject({ url: '/api/reference/identity' })).json().legalCategories as {
      code: string;
      label: string;
    }[]
  ).find((c) => c.code === code)?.label;

describe('legal categories from INSEE’s nomenclature', () => {
  it('labels by family or exact name before any import (a fresh install)', async () => {
    const scop = await buildOrganization(t.deps, { legalCategory: '5458' });
    expect(await pageLabel(scop.id)).toBe('Société coopérative');
    expect(await referenceLabel('5458')).toBe('Société coopérative');
    expect(await referenceLabel('9220')).toBe('Association déclarée');
    expect(await categoryErrors('fondation d’essai')).toHaveLength(1);
  });

  it('keeps the good lines and reports each bad one with its line number; a dry run writes nothing', async () => {
    const file = [
      'Nomenclature d’essai des catégories juridiques', // a title line above the header, as in the spreadsheet
      '',
      'Code;Libellé',
      '5458;Coopérative d’essai à conseil d’administration',
      '54;Niveau II : pas un code à 4 chiffres',
      '9220;',
      '7A10;Code avec une lettre',
      '',
      '9300;Fondation d’essai',
      '5458;Doublon du code',
    ].join('\r\n');
    const dry = await importFile(`\uFEFF${file}`, true);
    expect(dry).toMatchObject({ dryRun: true, total: 6, valid: 2, created: 2, updated: 0 });
    const scop = await buildOrganization(t.deps, { legalCategory: '5458' });
    expect(await pageLabel(scop.id)).toBe('Société coopérative');

    const report = await importFile(`\uFEFF${file}`);
    expect(report).toMatchObject({ dryRun: false, total: 6, valid: 2, created: 2, updated: 0 });
    expect(report.errors.map((e) => e.line)).toEqual([5, 6, 7, 10]);
    expect(report.errors[0]!.reason).toMatch(/4 chiffres/);
    expect(report.errors[1]!.reason).toMatch(/libellé vide/);
    expect(report.errors[3]!.reason).toMatch(/déjà présent ligne 4/);
    expect(await pageLabel(scop.id)).toBe('Coopérative d’essai à conseil d’administration');
    expect(await referenceLabel('9300')).toBe('Fondation d’essai');
    // An organisations spreadsheet may now name the category by INSEE's label (case and accents ignored).
    expect(await categoryErrors('FONDATION D’ESSAI')).toEqual([]);
  });

  it('reads a Windows-1252 file with `,` and replaces the labels on a re-import; other codes keep theirs', async () => {
    const file = iconv.encode(
      'CODE,Intitulé\n5458,"Société coopérative d’essai, libellé remplacé"\n9220,Association déclarée d’essai\n',
      'win1252',
    );
    expect(file.includes(Buffer.from('é'))).toBe(false); // really not UTF-8
    const report = await importFile(file);
    expect(report).toMatchObject({ total: 2, valid: 2, created: 1, updated: 1, errors: [] });
    const scop = await buildOrganization(t.deps, { legalCategory: '5458' });
    expect(await pageLabel(scop.id)).toBe('Société coopérative d’essai, libellé remplacé');
    expect(await referenceLabel('9220')).toBe('Association déclarée d’essai');
    expect(await referenceLabel('9300')).toBe('Fondation d’essai');
  });

  it('refuses a file without the Code and Libellé columns, writing nothing', async () => {
    await expect(importFile('siren;nom\n123456789;Essai\n')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fields: { file: expect.stringMatching(/Code/) },
    });
  });
});
