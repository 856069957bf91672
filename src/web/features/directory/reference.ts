import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import type { Locale } from '../../lib/i18n.tsx';
import type { IdentityReference, Label } from './types.ts';

let cache: Promise<IdentityReference> | undefined;

/** GET /api/reference/identity once per page load (families, headcount brackets, NAF sections). */
export function useIdentityReference(): IdentityReference | undefined {
  const [value, setValue] = useState<IdentityReference>();
  useEffect(() => {
    cache ??= api<IdentityReference>('/api/reference/identity').catch((err) => {
      cache = undefined;
      throw err;
    });
    let alive = true;
    cache.then((v) => alive && setValue(v)).catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return value;
}

export function labelOf(label: Label | undefined, locale: Locale): string {
  if (label === undefined) return '';
  return typeof label === 'string' ? label : label[locale] || label.fr;
}

/** The label of `code` in a reference list, or the code itself. */
export function lookup(
  list: { code: string; label: Label }[] | undefined,
  code: string | null | undefined,
  locale: Locale,
): string {
  if (!code) return '';
  const found = list?.find((x) => x.code === code);
  return found ? labelOf(found.label, locale) : code;
}

/** "123 456 789 00012" */
export function formatSiret(siret: string | null | undefined): string {
  if (!siret) return '';
  const d = siret.replace(/\s/g, '');
  if (d.length === 14) return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 9)} ${d.slice(9)}`;
  if (d.length === 9) return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
  return siret;
}
