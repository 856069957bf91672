import { createHash } from 'node:crypto';
import type { Deps } from '../../context.ts';

// What each module gives the personal data export: its name and, per table, the rows it holds about one address.
// A module writes `<module>.privacy.ts` exporting `exportPersonalData(ctx, email)` (its own tables only, other
// modules through their services); privacy.export.ts gathers them.

export type PersonalDataRow = Record<string, unknown>;
export type PersonalDataPart = {
  /** The module, as the files of the zip are named (`memberships.json`, `memberships-contacts.csv`). */
  module: string;
  tables: { name: string; rows: PersonalDataRow[] }[];
};
export type PrivacyCtx = Pick<Deps, 'db'>;

/** The address as every module compares it: trimmed, lower case. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * What erasing one person does in one module, per table: rows deleted, rows kept with the person replaced by the
 * pseudonym (accounting records, the audit log), and the sentence the report shows ("2 reçus conservés…").
 */
export type ErasureCount = {
  table: string;
  deleted: number;
  pseudonymised: number;
  /** Rows kept as they are (an organisation's receipts: its legal name stays). */
  kept?: number;
  sentence: string;
};
export type ErasurePart = { module: string; tables: ErasureCount[] };
/**
 * Who is erased: the address (normalised), the names the platform holds for it (read by the export before anything
 * is deleted, so that text naming the person can be rewritten) and the pseudonym that replaces them in kept rows.
 */
export type ErasureSubject = { email: string; names: string[]; pseudonym: string; hash: string; now: Date };
export type ErasureFn = (ctx: PrivacyCtx, who: ErasureSubject) => Promise<ErasurePart>;

/** A count and its sentence, only when something was done (a report lists what happened, not every table). */
export const erased = (
  table: string,
  deleted: number,
  pseudonymised: number,
  sentence: string,
  kept = 0,
): ErasureCount[] =>
  deleted || pseudonymised || kept ? [{ table, deleted, pseudonymised, kept, sentence }] : [];

/** "1 inscription", "3 inscriptions". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n > 1 ? many : one}`;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The address as a whole word ("bob@x.org" does not find "jimbob@x.org"), for PostgreSQL's `~*`. */
export const wholeAddressPattern = (email: string) =>
  `(^|[^a-z0-9._%+-])${escapeRegExp(email)}($|[^a-z0-9._%+-])`;
/** The person's address or any of their names, for `regexp_replace(…, 'gi')` on free text. */
export const personPattern = (who: ErasureSubject) =>
  [who.email, ...who.names]
    .filter((s) => s.length >= 3)
    .map(escapeRegExp)
    .join('|');

/**
 * The erased address as a hash (SHA-256 of the normalised address): kept in the newsletters' suppression list so
 * that an import never subscribes it again, and cut short in the pseudonym. Anyone who already knows the address
 * can recompute it (it is a pseudonym, not anonymity): that is what lets the suppression work.
 */
export const erasureHash = (email: string) =>
  `sha256:${createHash('sha256')
    .update(`maillage-erasure:${normaliseEmail(email)}`)
    .digest('hex')}`;
export const pseudonymOf = (hash: string) => `personne effacée #${hash.slice(7, 15)}`;

/** How long personal data is kept, platform-wide (privacy_retention_settings; defaults when never set). */
export type RetentionSettings = {
  registrantsMonths: number;
  unconfirmedSubscriptionDays: number;
  relationsInactiveMonths: number;
  /** null: GTEC answers are kept until the network deletes them. */
  gtecAnswersMonths: number | null;
};
export const defaultRetention: RetentionSettings = {
  registrantsMonths: 24,
  unconfirmedSubscriptionDays: 30,
  relationsInactiveMonths: 36,
  gtecAnswersMonths: null,
};
/** A module's part of the daily retention run: what it deleted or pseudonymised, per table. */
export type RetentionFn = (ctx: PrivacyCtx, rules: RetentionSettings, now: Date) => Promise<ErasureCount[]>;

type Both = { fr: string; en: string };
/**
 * One line of the register of processing (RGPD art. 30), declared by the module that does the processing: what it
 * holds, why, on what legal basis, for how long (from the retention settings, never typed twice), who sees it.
 */
export type ProcessingActivity = {
  id: string;
  name: Both;
  data: Both;
  purpose: Both;
  legalBasis: Both;
  retention: (rules: RetentionSettings) => Both;
  audience: Both;
};
export const monthsText = (n: number): Both => ({
  fr: n % 12 === 0 ? `${n / 12} an${n / 12 > 1 ? 's' : ''}` : `${n} mois`,
  en: n % 12 === 0 ? `${n / 12} year${n / 12 > 1 ? 's' : ''}` : `${n} month${n > 1 ? 's' : ''}`,
});
