import { describe, expect, it } from 'vitest';
import { pageWindow } from '../components/Pagination.tsx';
import { safeReturn, signInPath } from '../features/accounts/redirect.ts';
import { auditDiff } from '../features/admin/AuditEntryView.tsx';
import { filtersToQuery, readFilters } from '../features/directory/filters.ts';
import { formatSiret } from '../features/directory/reference.ts';
import { importSentence } from '../features/memberships/HelloAssoPanel.tsx';
import { withQuery } from './api.ts';
import { frenchTypography, translate, type Vars } from './i18n.tsx';

// Pure helpers of the web app: translations, URL state, formatting.

describe('translate', () => {
  it('writes one apostrophe style (’) in French, and leaves English and quotes alone', () => {
    expect(frenchTypography("L'agenda de l'ESS, aujourd'hui")).toBe('L’agenda de l’ESS, aujourd’hui');
    expect(frenchTypography("le mot 'test'")).toBe("le mot 'test'");
    expect(translate('fr', 'admin.tabsLabel')).toBe('Rubriques de l’administration');
    expect(translate('en', 'home.lead')).not.toContain('’ESS');
  });

  it('puts a non-breaking space before French high punctuation, not in English', () => {
    expect(frenchTypography('Connexion : ok ; vraiment ? oui !')).toBe(
      'Connexion\u00a0: ok\u00a0; vraiment\u00a0? oui\u00a0!',
    );
    expect(translate('fr', 'common.formErrors.item', { field: 'Nom', message: 'requis' })).toBe(
      'Nom\u00a0: requis',
    );
    expect(translate('en', 'common.formErrors.item', { field: 'Name', message: 'required' })).toBe(
      'Name: required',
    );
  });

  it('chooses the plural form and formats the count for the locale', () => {
    expect(translate('fr', 'directory.count', { count: 0 })).toBe('Aucune organisation');
    expect(translate('fr', 'directory.count', { count: 1 })).toBe('1 organisation');
    expect(translate('fr', 'directory.count', { count: 1234 })).toBe('1\u202f234 organisations');
    expect(translate('en', 'directory.count', { count: 1234 })).toBe('1,234 organisations');
  });

  it('falls back to French, then to the key itself', () => {
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});

describe('HelloAsso import sentence', () => {
  it('says what an import did, leaving out what did not happen', () => {
    const fr = (key: string, vars?: Vars) => translate('fr', key, vars);
    expect(importSentence(fr, { recorded: 3, unmatched: 1, known: 12, notPaid: 0 })).toBe(
      'Import terminé\u00a0: 3 paiements enregistrés, 1 commande à rattacher (ci-dessous), 12 commandes déjà traitées.',
    );
    expect(importSentence(fr, { recorded: 0, unmatched: 0, known: 0, notPaid: 2 })).toBe(
      'Import terminé\u00a0: aucun nouveau paiement enregistré, 2 commandes sans paiement accepté.',
    );
    const en = (key: string, vars?: Vars) => translate('en', key, vars);
    expect(importSentence(en, { recorded: 1, unmatched: 0, known: 0, notPaid: 0 })).toBe(
      'Import finished: 1 payment recorded.',
    );
  });
});

describe('directory URL state', () => {
  it('round-trips the filters through the query string, leaving out empty ones', () => {
    const qs = filtersToQuery({ q: ' aide ', territory: 'dep:52', family: '', sort: 'name' }, 3);
    expect(qs).toBe('?q=aide&territory=dep%3A52&sort=name&page=3');
    const { filters, page } = readFilters(new URLSearchParams(qs));
    expect(page).toBe(3);
    expect(filters).toMatchObject({ q: 'aide', territory: 'dep:52', family: '', sort: 'name' });
    expect(readFilters(new URLSearchParams('page=-2')).page).toBe(1);
  });

  it('builds API queries without empty values', () => {
    expect(withQuery('/api/x', { a: '', b: 0, c: undefined, d: ['1', '2'] })).toBe('/api/x?b=0&d=1&d=2');
  });
});

describe('pagination window', () => {
  it('shows the ends and the neighbours of the current page with gaps', () => {
    expect(pageWindow(6, 20)).toEqual([1, 'gap', 5, 6, 7, 'gap', 20]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
  });
});

describe('formatting and safety', () => {
  it('groups SIRET and SIREN digits', () => {
    expect(formatSiret('73282932000074')).toBe('732 829 320 00074');
    expect(formatSiret('732829320')).toBe('732 829 320');
  });

  it('only returns to paths of this site after signing in', () => {
    expect(safeReturn(new URLSearchParams('retour=/annuaire?q=a'))).toBe('/annuaire?q=a');
    expect(safeReturn(new URLSearchParams('retour=//evil.example'))).toBe('/');
    expect(safeReturn(new URLSearchParams('retour=https://evil.example'))).toBe('/');
    expect(safeReturn(new URLSearchParams('retour=/\\evil.example'))).toBe('/');
    expect(safeReturn(new URLSearchParams('retour=%2F%09%2Fevil.example'))).toBe('/');
    expect(safeReturn(new URLSearchParams('retour=javascript:alert(1)'))).toBe('/');
    expect(safeReturn(new URLSearchParams('retour=annuaire'))).toBe('/');
    expect(safeReturn(new URLSearchParams(''))).toBe('/');
  });

  it('reads the older `next` parameter of old links, `retour` first, and writes only `retour`', () => {
    expect(safeReturn(new URLSearchParams('next=/agenda/proposer'))).toBe('/agenda/proposer');
    expect(safeReturn(new URLSearchParams('next=//evil.example'))).toBe('/');
    expect(safeReturn(new URLSearchParams('retour=/admin&next=/agenda'))).toBe('/admin');
    const link = signInPath('/annuaire?q=jardins&page=2');
    expect(link).toBe('/connexion?retour=%2Fannuaire%3Fq%3Djardins%26page%3D2');
    expect(safeReturn(new URL(link, 'https://maillage.example').searchParams)).toBe(
      '/annuaire?q=jardins&page=2',
    );
  });

  it('lists only the fields an audit entry changed', () => {
    expect(
      auditDiff({ name: 'A', tags: ['x'], city: 'Metz' }, { name: 'B', tags: ['x'], city: 'Metz' }),
    ).toEqual([{ field: 'name', before: 'A', after: 'B' }]);
    expect(auditDiff(null, { name: 'A' })).toEqual([{ field: 'name', before: '—', after: 'A' }]);
  });
});
