import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// One apostrophe style: French text that Maillage writes (mails, error messages, CSV/XLSX headers, the printed
// programme, the web app's messages, the demo data) uses the typographic apostrophe ’, never the straight one.
// The sweep reads every string literal, template piece and JSX text of the code under src/ (tests aside: their
// inputs are free text) and looks for a French elision written with a straight apostrophe: l'ESS, d'après, qu'il,
// jusqu'au, aujourd'hui. English contractions (don't, it's) and quotes around code ('all') do not match.

const root = join(import.meta.dirname, '..');
const elision = /(?<!\p{L})(?:[cdjlmnst]|\p{L}*qu|aujourd|prud)'(?=\p{L})/iu;

/** INSEE's nomenclatures, quoted as INSEE publishes them (straight apostrophes included). */
const verbatim = new Set([
  'server/modules/company-identity/naf.ts',
  'server/modules/company-identity/naf-rev2.data.ts',
  'server/modules/company-identity/legal-categories.ts',
  // The register of elected officials' own column headers, as its files spell them ("Nom de l'élu").
  'server/modules/relations/relations.fixtures.ts',
]);
/** Data files of French text that the demo shows as is. */
const frenchData = ['server/modules/observatory/demo/reference-figures.csv'];

/** The French strings written with a straight apostrophe in one source file, as "line: text". */
function straightApostrophes(fileName: string, source: string): string[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateLiteralToken(node) ||
        ts.isJsxText(node)) &&
      elision.test(node.text)
    ) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${line + 1}: ${node.text.trim().slice(0, 120)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.d\.ts$/.test(entry.name)) yield path;
  }
}

describe('French typography', () => {
  it('finds straight apostrophes in French strings, and only there', () => {
    const sample = [
      'const a = "Le fichier n\'est pas en UTF-8";',
      // (split so that the linter does not read a placeholder in a plain string)
      "const b = `jusqu'au $" + "{day}, qu'il pleuve ou non`;",
      "const c = <p>Aujourd'hui à l'agenda</p>;",
      "const d = \"don't, it's, the network's\";",
      "const e = sql`family = 'all' AND kind IN ('a','b')`;",
      "const f = 'l’ESS';",
    ].join('\n');
    expect(straightApostrophes('sample.tsx', sample)).toEqual([
      "1: Le fichier n'est pas en UTF-8",
      "2: jusqu'au",
      "2: , qu'il pleuve ou non",
      "3: Aujourd'hui à l'agenda",
    ]);
  });

  it('writes ’ in every French string of the server, the command line and the web app', () => {
    const found: string[] = [];
    for (const path of sources(root)) {
      const name = relative(root, path);
      if (verbatim.has(name)) continue;
      for (const hit of straightApostrophes(name, readFileSync(path, 'utf8')))
        found.push(`src/${name}:${hit}`);
    }
    for (const name of frenchData)
      for (const [i, line] of readFileSync(join(root, name), 'utf8').split('\n').entries())
        if (elision.test(line)) found.push(`src/${name}:${i + 1}: ${line}`);
    expect(found).toEqual([]);
  });
});
