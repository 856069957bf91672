import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { legalCategoryFromText } from '../company-identity/legal-categories.ts';
import { testAccount } from './organizations.test-helpers.ts';

// The CSV import's template (French headers, an example row) and legal categories written by name.

let t: TestContext;
let admin: { cookie: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await testAccount(t.deps, { isPlatformAdmin: true });
});
afterAll(async () => t?.close());

const upload = (body: string, query = 'dryRun=false') =>
  t.app.inject({
    method: 'POST',
    url: `/api/organizations/import?${query}`,
    payload: body,
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
  });

describe('the import template', () => {
  it('is a French Excel CSV whose example row imports as it is', async () => {
    const res = await t.app.inject({ url: '/api/organizations/import-template.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('modele-import-organisations.csv');
    const [header, example] = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(
      'Nom;Sigle;SIRET;SIREN;Catégorie juridique;ESUS;Code NAF;Tranche effectif;Adresse;Code postal;Code commune;Site web;Email;Téléphone;Description;Étiquettes',
    );
    expect(example).toContain('Association déclarée');
    const dry = await upload(res.body, 'dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ total: 1, valid: 1, errors: [] });
  });
});

describe('legal categories by name', () => {
  it('are read from their name or a code with its label', () => {
    expect(legalCategoryFromText('Association déclarée')).toBe('9220');
    expect(legalCategoryFromText('association loi 1901')).toBe('9220');
    expect(legalCategoryFromText('FONDATION')).toBe('9300');
    expect(legalCategoryFromText('5458 - SCOP')).toBe('5458');
    expect(legalCategoryFromText('Société coopérative de production (SCOP) — 5458')).toBe('5458');
    expect(legalCategoryFromText('SCOP')).toBeUndefined();
  });

  it('import with English headers; an unknown name is refused with its line and field', async () => {
    const csv = [
      'name,legal category,commune code',
      'Fondation des Lacs,Fondation,54395',
      'Mutuelle des Vosges,Mutuelle,88160',
      'Atelier Mystère,Société mystérieuse,54395',
    ].join('\n');
    const report = (await upload(csv)).json();
    expect(report).toMatchObject({ total: 3, valid: 2, created: 2 });
    expect(report.errors).toEqual([
      {
        line: 4,
        field: 'legalCategory',
        reason: expect.stringMatching(/catégorie juridique inconnue.*4 chiffres/),
      },
    ]);
    const found = (await t.app.inject({ url: '/api/organizations?q=lacs' })).json().items[0];
    expect(found).toMatchObject({ name: 'Fondation des Lacs', essFamily: 'foundation' });
  });
});
