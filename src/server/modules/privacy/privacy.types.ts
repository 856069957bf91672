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
