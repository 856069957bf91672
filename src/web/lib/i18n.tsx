import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import common from '../app/i18n.ts';
import accounts from '../features/accounts/i18n.ts';
import auditSentences from '../features/admin/audit-i18n.ts';
import admin from '../features/admin/i18n.ts';
import directory from '../features/directory/i18n.ts';
import events from '../features/events/i18n.ts';
import fairs from '../features/fairs/i18n.ts';
import gtec from '../features/gtec/i18n.ts';
import home from '../features/home/i18n.ts';
import legal from '../features/legal/i18n.ts';
import helloAsso from '../features/memberships/helloasso-i18n.ts';
import memberships from '../features/memberships/i18n.ts';
import networking from '../features/networking/i18n.ts';
import news from '../features/news/i18n.ts';
import newsletters from '../features/newsletters/i18n.ts';
import newsletterIssues from '../features/newsletters/issues/i18n.ts';
import observatory from '../features/observatory/i18n.ts';
import privacy from '../features/privacy/i18n.ts';
import registrations from '../features/registrations/i18n.ts';
import registrantMessages from '../features/registrations/messages-i18n.ts';
import relations from '../features/relations/i18n.ts';
import { api } from './api.ts';
import { formatDate } from './dates.ts';

/*
 * Every feature's dictionary, registered here with one import line and one entry in this list.
 * A dictionary is `{ fr: {...}, en: {...} }`; nested objects are flattened into dotted keys, so
 * `{ fr: { events: { title: 'Agenda' } } }` is read with `t('events.title')`. Prefix keys with the feature name.
 */
const dictionaries: FeatureDictionary[] = [
  common,
  home,
  directory,
  accounts,
  admin,
  auditSentences,
  registrations,
  registrantMessages,
  fairs,
  memberships,
  helloAsso,
  networking,
  relations,
  newsletters,
  gtec,
  news,
  privacy,
  newsletterIssues,
  observatory,
  events,
  legal,
];

export type Locale = 'fr' | 'en';
export const locales: Locale[] = ['fr', 'en'];
const isLocale = (value: unknown): value is Locale => value === 'fr' || value === 'en';
type Tree = { [key: string]: string | Tree };
export interface FeatureDictionary {
  fr: Tree;
  en: Tree;
}

const STORAGE_KEY = 'maillage.locale';
/** Intl locale used for numbers and dates. */
export const intlLocale: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * French typography: a non-breaking space before : ; ! ? and inside « », and the typographic apostrophe (’) for a
 * straight one between two letters ("l'ESS" → "l’ESS"), applied to every French string, so dictionaries can be
 * written with ordinary spaces. They are written with ’ (src/server/typography.test.ts sweeps them); the apostrophe
 * rule stays for the strings put together from parts.
 */
export function frenchTypography(s: string): string {
  return s
    .replace(/ ([:;!?»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/(\p{L})'(?=\p{L})/gu, '$1’');
}

function flatten(tree: Tree, prefix: string, out: Record<string, string>, fr: boolean) {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = fr ? frenchTypography(value) : value;
    else flatten(value, path, out, fr);
  }
}

const messages: Record<Locale, Record<string, string>> = { fr: {}, en: {} };
for (const dictionary of dictionaries) {
  flatten(dictionary.fr, '', messages.fr, true);
  flatten(dictionary.en, '', messages.en, false);
}

export type Vars = Record<string, string | number | undefined | null>;
export type Translate = (key: string, vars?: Vars) => string;

/**
 * Looks `key` up in the locale (falling back to French, then to the key itself) and fills `{name}` placeholders.
 * With a numeric `count`, `key_zero` (for 0), `key_one` / `key_other` (Intl plural rules) are tried first;
 * numbers are formatted.
 */
export function translate(locale: Locale, key: string, vars?: Vars): string {
  const dict = messages[locale];
  let template: string | undefined;
  if (vars && typeof vars.count === 'number') {
    const rule = new Intl.PluralRules(intlLocale[locale]).select(vars.count);
    if (vars.count === 0) template = dict[`${key}_zero`];
    template ??= dict[`${key}_${rule}`] ?? dict[`${key}_other`] ?? messages.fr[`${key}_${rule}`];
  }
  template ??= dict[key] ?? messages.fr[key];
  if (template === undefined) {
    if (import.meta.env?.DEV) console.warn(`i18n: missing key ${key}`);
    return key;
  }
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined || value === null) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(intlLocale[locale]).format(value) : value;
  });
}

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage blocked: French
  }
  return 'fr';
}

interface I18nValue {
  locale: Locale;
  /** The person's choice: shown at once, kept by the browser, and saved on the account when signed in. */
  setLocale: (locale: Locale) => void;
  /** Shows the language of the account just signed in (and keeps it as the browser's choice), without saving. */
  adoptAccountLocale: (locale: string | null | undefined) => void;
  t: Translate;
  formatNumber: (n: number, options?: Intl.NumberFormatOptions) => string;
  formatDate: (d: string | Date, options?: Intl.DateTimeFormatOptions) => string;
  formatDateTime: (d: string | Date) => string;
  /** A month as people write it: "2026-10" → "octobre 2026" (anything else is shown as it is). */
  formatMonth: (month: string) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

type MeLocale = { account: { locale?: string | null } | null };

/**
 * Saves the choice on the account when someone is signed in (asked afresh each time, so that a sign-out elsewhere
 * is noticed); signed out, the browser's choice is all there is. A failure leaves the choice in this browser only.
 */
async function saveOnAccount(locale: Locale) {
  try {
    const me = await api<MeLocale>('/api/me');
    if (me.account && me.account.locale !== locale)
      await api('/api/me', { method: 'PATCH', body: { locale } });
  } catch {
    // offline or signed out meanwhile: the browser keeps the choice
  }
}

/**
 * The interface language: the browser's choice (localStorage) when signed out; when signed in, the account's,
 * taken at load and at sign-in (see adoptAccountLocale), and saved on the account when the person switches.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  /** Set once the person switched language on this page: the account's language read at load no longer applies. */
  const chosen = useRef(false);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const show = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
  }, []);
  const setLocale = useCallback(
    (next: Locale) => {
      chosen.current = true;
      show(next);
      void saveOnAccount(next);
    },
    [show],
  );
  const adoptAccountLocale = useCallback(
    (next: string | null | undefined) => {
      if (isLocale(next)) show(next);
    },
    [show],
  );
  // Signed in at load: the account's language wins over what this browser last showed.
  useEffect(() => {
    api<MeLocale>('/api/me')
      .then((me) => {
        if (!chosen.current) adoptAccountLocale(me.account?.locale);
      })
      .catch(() => undefined);
  }, [adoptAccountLocale]);
  const value = useMemo<I18nValue>(() => {
    const tag = intlLocale[locale];
    const numberFormat = new Intl.NumberFormat(tag);
    return {
      locale,
      setLocale,
      adoptAccountLocale,
      t: (key, vars) => translate(locale, key, vars),
      formatNumber: (n, options) => (options ? new Intl.NumberFormat(tag, options) : numberFormat).format(n),
      formatDate: (d, options = { dateStyle: 'long' }) => formatDate(d, tag, options),
      formatDateTime: (d) =>
        new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(
          typeof d === 'string' ? new Date(d) : d,
        ),
      formatMonth: (month) =>
        /^\d{4}-(0[1-9]|1[0-2])$/.test(month)
          ? new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
              new Date(`${month}-15T12:00:00Z`),
            )
          : month,
    };
  }, [locale, setLocale, adoptAccountLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT/useLocale outside <I18nProvider>');
  return value;
}

/** `const t = useT(); t('directory.title', { count: 3 })`. */
export function useT(): Translate {
  return useI18n().t;
}

/** Current locale, its setter and Intl formatters (fr-FR / en-GB). */
export function useLocale() {
  return useI18n();
}
