import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../context.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { romeAppellations, romeCodes, romeImports } from './gtec.tables.ts';
import { importRome, importRomeExcerpt, ROME_EXCERPT_DIR } from './rome.import.ts';
import { foldText, parseDomainLine, romeFileOf } from './rome.rules.ts';

// The ROME referential: the official files recognised by name, bad lines reported with their number while the good
// ones are kept, a re-import replacing the version, files served over HTTP, and the accent-insensitive search.

let t: TestContext;
let dir: string;
const names = {
  codes: 'unix_referentiel_code_rome_v461_utf8.csv',
  appellations: 'unix_referentiel_appellation_v461_utf8.csv',
  domains: 'unix_cr_gd_dp_v461_utf8.csv',
};
beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(join(tmpdir(), 'rome-'));
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('rules', () => {
  it('recognises the official file names and their version', () => {
    expect(romeFileOf('x/unix_referentiel_code_rome_v460_utf8.csv')).toEqual({
      kind: 'codes',
      version: 'v460',
    });
    expect(romeFileOf('unix_cr_gd_dp_v460_utf8.csv')).toEqual({ kind: 'domains', version: 'v460' });
    expect(romeFileOf('rome.csv')).toBeNull();
  });
  it('folds labels: no accents, case, hyphens or ligatures', () => {
    expect(foldText('Aide-soignant / Aide-soignante')).toBe('aide soignant aide soignante');
    expect(foldText('Second œuvre')).toBe('second oeuvre');
  });
  it('reads the domains file’s levels', () => {
    expect(
      parseDomainLine({ code_grand_domaine: 'H', code_domaine_professionel: '', libelle: 'Industrie' }),
    ).toEqual({
      code: 'H',
      label: 'Industrie',
      level: 'grand',
      parentCode: null,
    });
    expect(
      parseDomainLine({ code_grand_domaine: 'H', code_domaine_professionel: '29', libelle: 'Mécanique' }),
    ).toMatchObject({
      code: 'H29',
      parentCode: 'H',
    });
    expect(
      parseDomainLine({
        code_grand_domaine: 'H',
        code_domaine_professionel: '29',
        num_code_rome: '13',
        libelle: 'x',
      }),
    ).toBe('code');
  });
});

describe('import', () => {
  it('imports the shipped excerpt, labelled as an excerpt', async () => {
    const r = await importRomeExcerpt(t.deps, systemActor);
    expect(r).toMatchObject({ version: 'v460 (extrait)', codes: 48, appellations: 158, domains: 42 });
    expect(r.files.every((f) => f.bad === 0)).toBe(true);
    const [imp] = await t.db.select().from(romeImports);
    expect(imp).toMatchObject({ version: 'v460 (extrait)', isExcerpt: true, codes: 48 });
    // Straight apostrophes of the official labels become typographic ones.
    const codes = await t.db.select().from(romeCodes);
    expect(codes.find((c) => c.code === 'H2903')?.label).toBe('Conduite d’équipement d’usinage');
  });

  it('reports bad lines with their number, keeps the good ones, and replaces the version', async () => {
    await copyFile(join(ROME_EXCERPT_DIR, 'unix_cr_gd_dp_v460_utf8.csv'), join(dir, names.domains));
    await writeFile(
      join(dir, names.codes),
      'code_rome;code_ogr;libelle_rome\nH2913;1;Soudage manuel\nZ9999;2;Inconnu\nH2902;3;\nF1703;4;Maçonnerie\nH2913;5;Doublon\n',
    );
    await writeFile(
      join(dir, names.appellations),
      'code_ogr;libelle_appellation_long;libelle_appellation_court;code_rome\n' +
        '11;Soudeur / Soudeuse;Soudeur;H2913\n12;Maçon / Maçonne;Maçon;F1703\n13;Fantôme;Fantôme;M1607\nabc;Sans code;;H2913\n',
    );
    const dry = await importRome(t.deps, systemActor, { sources: [dir], dryRun: true });
    expect(dry.version).toBe('v461');
    const [codes, apps] = dry.files;
    expect(codes.errors).toEqual([
      { line: 3, reason: 'code ROME invalide : « Z9999 » (une lettre A–N et 4 chiffres)' },
      { line: 4, reason: 'libellé manquant pour le code H2902' },
      { line: 6, reason: 'code ROME en double : H2913' },
    ]);
    expect(apps.errors).toEqual([
      { line: 4, reason: 'code ROME inconnu : « M1607 » (absent du fichier des codes)' },
      { line: 5, reason: 'code OGR invalide : « abc » (des chiffres)' },
    ]);
    // A dry run writes nothing: the excerpt is still there.
    expect((await t.db.select().from(romeCodes)).length).toBe(48);

    const real = await importRome(t.deps, systemActor, {
      sources: Object.values(names).map((n) => join(dir, n)),
    });
    expect(real).toMatchObject({ version: 'v461', codes: 2, appellations: 2 });
    expect((await t.db.select().from(romeCodes)).map((c) => c.code).sort()).toEqual(['F1703', 'H2913']);
    expect((await t.db.select().from(romeAppellations)).length).toBe(2);
    const imports = await t.db.select().from(romeImports);
    expect(imports.map((i) => i.version)).toEqual(['v460 (extrait)', 'v461']);
  });

  it('refuses incomplete sets, mixed versions, unknown names and missing columns before writing', async () => {
    await expect(
      importRome(t.deps, systemActor, { sources: [join(dir, names.codes)] }),
    ).rejects.toMatchObject({
      fields: { file: 'il manque : les appellations, les domaines' },
    });
    await expect(
      importRome(t.deps, systemActor, {
        sources: [dir, join(ROME_EXCERPT_DIR, 'unix_referentiel_code_rome_v460_utf8.csv')],
      }),
    ).rejects.toMatchObject({ fields: { file: expect.stringContaining('versions différentes') } });
    await writeFile(join(dir, 'autre.csv'), 'a,b\n');
    await expect(
      importRome(t.deps, systemActor, { sources: [join(dir, 'autre.csv')] }),
    ).rejects.toMatchObject({
      fields: { file: expect.stringContaining('n’est pas un fichier du ROME') },
    });
    const bad = await mkdtemp(join(tmpdir(), 'rome-bad-'));
    for (const n of Object.values(names)) await copyFile(join(dir, n), join(bad, n));
    await writeFile(join(bad, names.codes), 'code;libelle\nH2913;Soudage\n');
    await expect(importRome(t.deps, systemActor, { sources: [bad] })).rejects.toMatchObject({
      fields: { [names.codes]: 'colonnes manquantes : code_rome, libelle_rome' },
    });
    await rm(bad, { recursive: true });
  });

  it('is refused to anyone but the platform admin', async () => {
    await expect(
      importRome(
        t.deps,
        { accountId: null, email: 'x', name: 'x', isPlatformAdmin: false },
        { sources: [dir] },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reads the files from URLs', async () => {
    const server: Server = createServer(async (req, res) => {
      const name = (req.url ?? '').split('/').pop() ?? '';
      const path = join(ROME_EXCERPT_DIR, name.replace('v461', 'v460'));
      try {
        res.end(await readFile(path));
      } catch {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rome`;
    try {
      const r = await importRome(t.deps, systemActor, {
        sources: Object.values(names).map((n) => `${base}/${n.replace('v461', 'v460')}`),
      });
      expect(r).toMatchObject({ version: 'v460', codes: 48, appellations: 158 });
      await expect(
        importRome(t.deps, systemActor, { sources: [`${base}/missing/unix_cr_gd_dp_v999_utf8.csv`] }),
      ).rejects.toMatchObject({ fields: { file: expect.stringContaining('HTTP 404') } });
    } finally {
      server.close();
    }
  });
});

describe('GET /api/rome/appellations', () => {
  const search = async (q: string) => {
    const res = await t.app.inject({ url: `/api/rome/appellations?q=${encodeURIComponent(q)}` });
    expect(res.statusCode).toBe(200);
    return res.json() as { version: string; items: { label: string; romeCode: string }[] };
  };
  it('finds job titles whatever the accents, case and hyphens', async () => {
    await importRomeExcerpt(t.deps, systemActor);
    const soudeur = await search('soudeur');
    expect(soudeur.version).toBe('v460 (extrait)');
    expect(soudeur.items[0]).toMatchObject({ label: 'Soudeur / Soudeuse', romeCode: 'H2913' });
    expect(soudeur.items.map((i) => i.label)).toContain('Chaudronnier-soudeur / Chaudronnière-soudeuse');
    expect((await search('aide soignant')).items.map((i) => i.label)).toContain(
      'Aide-soignant / Aide-soignante',
    );
    expect((await search('ELECTRICIEN')).items[0].label).toBe('Électricien / Électricienne du bâtiment');
    expect((await search('maçon patrimoine')).items.map((i) => i.label)).toEqual([
      'Maçon / Maçonne du patrimoine',
    ]);
    expect((await search('h2904')).items.every((i) => i.romeCode === 'H2904')).toBe(true);
    expect((await search('astronaute')).items).toEqual([]);
    expect((await search('100%_')).items).toEqual([]);
  });
  it('refuses an empty query with a sentence', async () => {
    const res = await t.app.inject({ url: '/api/rome/appellations?q=' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.q).toBe('recherche : obligatoire');
  });
  it('keeps a trigram index on the folded titles', async () => {
    // The plan is the engine's choice; this only checks the index exists where the search needs it.
    const res = await t.db.execute(
      "select indexname from pg_indexes where tablename = 'rome_appellations' and indexdef like '%gin_trgm_ops%'",
    );
    expect((res as unknown as { rows: unknown[] }).rows.length).toBe(1);
  });
});
