import { z } from 'zod';

// One error map for every zod schema of the server: a field error is a short sentence in French (the default) or
// in English, never zod's English default. Installed once (z.config) when this file is imported, which app.ts
// does; the HTTP layer renders the same issues again in English when the request asks for it (see validation.ts).

export type Locale = 'fr' | 'en';

/** A custom check's reason (`params.reason` of a `z.custom` / `.refine` issue), rendered by the map below. */
export type CustomReason = keyof typeof customReasons;

const customReasons = {
  'control-characters': {
    fr: 'caractères invisibles interdits (octet nul, caractère Unicode incomplet)',
    en: 'invisible characters not allowed (NUL byte, incomplete Unicode character)',
  },
  'line-break': { fr: 'sur une seule ligne, sans retour à la ligne', en: 'one line only, no line breaks' },
  'date-range': { fr: 'date hors de la plage permise (1900–2199)', en: 'date out of range (1900–2199)' },
  uuid: { fr: 'identifiant invalide', en: 'invalid identifier' },
} as const;

/** A custom check's sentence, for the few places that refuse input outside a zod schema. */
export const reasonMessage = (reason: CustomReason, locale: Locale) => customReasons[reason][locale];

const typeNames: Record<string, { fr: string; en: string }> = {
  string: { fr: 'texte attendu', en: 'text expected' },
  number: { fr: 'nombre attendu', en: 'number expected' },
  int: { fr: 'nombre entier attendu', en: 'whole number expected' },
  boolean: { fr: 'vrai ou faux attendu', en: 'true or false expected' },
  array: { fr: 'liste attendue', en: 'list expected' },
  object: { fr: 'objet attendu', en: 'object expected' },
  date: { fr: 'date attendue', en: 'date expected' },
  null: { fr: 'valeur vide attendue', en: 'empty value expected' },
};

const formatNames: Record<string, { fr: string; en: string }> = {
  email: { fr: 'adresse email invalide', en: 'invalid email address' },
  url: { fr: 'adresse web invalide', en: 'invalid web address' },
  uuid: customReasons.uuid,
  guid: customReasons.uuid,
  datetime: {
    fr: 'date et heure attendues (AAAA-MM-JJTHH:MM)',
    en: 'date and time expected (YYYY-MM-DDTHH:MM)',
  },
  date: { fr: 'date attendue (AAAA-MM-JJ)', en: 'date expected (YYYY-MM-DD)' },
  time: { fr: 'heure attendue (HH:MM)', en: 'time expected (HH:MM)' },
  regex: { fr: 'format invalide', en: 'invalid format' },
};

const units: Record<string, { fr: string; en: string }> = {
  string: { fr: 'caractères', en: 'characters' },
  array: { fr: 'éléments', en: 'items' },
  set: { fr: 'éléments', en: 'items' },
  file: { fr: 'octets', en: 'bytes' },
};

const MAX_LISTED_VALUES = 12;
const shortValue = (v: unknown) => String(typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 40);

type Issue = z.core.$ZodRawIssue | z.core.$ZodIssue;

/** An issue as a short sentence in the locale. Pure: the same issue always gives the same sentence. */
export function issueMessage(issue: Issue, locale: Locale): string {
  const l = locale;
  switch (issue.code) {
    case 'invalid_type': {
      if ('input' in issue && issue.input === undefined) return l === 'fr' ? 'champ requis' : 'required';
      return (typeNames[issue.expected] ?? { fr: 'valeur invalide', en: 'invalid value' })[l];
    }
    case 'too_small': {
      const unit = units[issue.origin];
      const n = Number(issue.minimum);
      if (unit && n === 1 && issue.origin === 'string') return l === 'fr' ? 'champ requis' : 'required';
      if (unit) return l === 'fr' ? `au moins ${n} ${unit.fr}` : `at least ${n} ${unit.en}`;
      if (issue.origin === 'date') return l === 'fr' ? 'date trop ancienne' : 'date too early';
      if (issue.inclusive) return l === 'fr' ? `au moins ${n}` : `at least ${n}`;
      return l === 'fr' ? `supérieur à ${n} attendu` : `greater than ${n} expected`;
    }
    case 'too_big': {
      const unit = units[issue.origin];
      const n = Number(issue.maximum);
      if (unit) return l === 'fr' ? `au plus ${n} ${unit.fr}` : `at most ${n} ${unit.en}`;
      if (issue.origin === 'date') return l === 'fr' ? 'date trop lointaine' : 'date too far';
      if (issue.inclusive) return l === 'fr' ? `au plus ${n}` : `at most ${n}`;
      return l === 'fr' ? `inférieur à ${n} attendu` : `less than ${n} expected`;
    }
    case 'invalid_format':
      if (issue.format === 'starts_with' && 'prefix' in issue)
        return l === 'fr' ? `doit commencer par « ${issue.prefix} »` : `must start with "${issue.prefix}"`;
      return (formatNames[issue.format] ?? formatNames.regex)[l];
    case 'invalid_value': {
      const values = issue.values.slice(0, MAX_LISTED_VALUES).map(shortValue).join(', ');
      const more = issue.values.length > MAX_LISTED_VALUES ? '…' : '';
      if (issue.values.length === 1) return l === 'fr' ? `${values} attendu` : `${values} expected`;
      return l === 'fr' ? `une valeur parmi : ${values}${more}` : `one of: ${values}${more}`;
    }
    case 'not_multiple_of':
      return l === 'fr' ? `multiple de ${issue.divisor} attendu` : `multiple of ${issue.divisor} expected`;
    case 'unrecognized_keys':
      return l === 'fr' ? 'champ inconnu' : 'unknown field';
    case 'custom': {
      const reason = (issue.params as { reason?: string } | undefined)?.reason;
      if (reason && reason in customReasons) return customReasons[reason as CustomReason][l];
      return l === 'fr' ? 'valeur invalide' : 'invalid value';
    }
    default:
      return l === 'fr' ? 'valeur invalide' : 'invalid value';
  }
}

z.config({ customError: (issue) => issueMessage(issue, 'fr') });

/** The request's language: an explicit Accept-Language naming fr or en (in its order of preference), else the account's, else French. */
export function pickLocale(acceptLanguage: string | undefined, accountLocale?: string | null): Locale {
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .slice(0, 200)
      .split(',')
      .map((part, i) => {
        const [tag, ...params] = part.trim().toLowerCase().split(';');
        const q = Number(
          params
            .find((p) => p.trim().startsWith('q='))
            ?.trim()
            .slice(2) ?? 1,
        );
        return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, i };
      })
      .filter((x) => (x.lang === 'fr' || x.lang === 'en') && x.q > 0)
      .sort((a, b) => b.q - a.q || a.i - b.i);
    if (ranked[0]) return ranked[0].lang as Locale;
  }
  return accountLocale === 'en' ? 'en' : 'fr';
}
