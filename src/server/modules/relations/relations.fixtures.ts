import { writeFileSync } from 'node:fs';
import { ownTempPath } from '../../lib/temp-files.ts';

// Test helpers: files in the register's own columns (municipal councillors), written by the tests themselves.

export const municipalHeader = [
  'Code du département',
  'Libellé du département',
  'Code de la collectivité à statut particulier',
  'Libellé de la collectivité à statut particulier',
  'Code de la commune',
  'Libellé de la commune',
  "Nom de l'élu",
  "Prénom de l'élu",
  'Code sexe',
  'Date de naissance',
  'Code de la catégorie socio-professionnelle',
  'Libellé de la catégorie socio-professionnelle',
  'Date de début du mandat',
  'Libellé de la fonction',
  'Date de début de la fonction',
  'Code nationalité',
];

export type Official = {
  commune: [string, string];
  last: string;
  first: string;
  sex?: string;
  born?: string;
  started?: string;
  fn?: string;
  fnStarted?: string;
};

export const officialLine = (o: Official) =>
  [
    o.commune[0].slice(0, 2),
    'Haute-Marne',
    '',
    '',
    o.commune[0],
    o.commune[1],
    o.last,
    o.first,
    o.sex ?? 'F',
    o.born ?? '12/03/1968',
    '23',
    'Cadres d’entreprise',
    o.started ?? '28/06/2020',
    o.fn ?? '',
    o.fnStarted ?? (o.fn ? (o.started ?? '28/06/2020') : ''),
    'FR',
  ].join(';');

/** A register file on disk: `;`-separated, UTF-8 with BOM, as data.gouv publishes it. */
export function registerFile(lines: string[], header = municipalHeader): string {
  const path = ownTempPath('rne', '.csv');
  writeFileSync(path, `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`);
  return path;
}
