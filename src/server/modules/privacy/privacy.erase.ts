import { sql } from 'drizzle-orm';
import { erasePersonalData as accounts } from '../accounts/accounts.privacy.ts';
import { erasePersonalData as audit } from '../audit/audit.privacy.ts';
import { erasePersonalData as events } from '../events/events.privacy.ts';
import { erasePersonalData as fairs } from '../fairs/fairs.privacy.ts';
import { erasePersonalData as gtec } from '../gtec/gtec.privacy.ts';
import { erasePersonalData as mail } from '../mail/mail.privacy.ts';
import { erasePersonalData as memberships } from '../memberships/memberships.privacy.ts';
import { erasePersonalData as networking } from '../networking/networking.privacy.ts';
import { erasePersonalData as news } from '../news/news.privacy.ts';
import { erasePersonalData as newsletters } from '../newsletters/newsletters.privacy.ts';
import { erasePersonalData as organizations } from '../organizations/organizations.privacy.ts';
import { erasePersonalData as registrations } from '../registrations/registrations.privacy.ts';
import { erasePersonalData as relations } from '../relations/relations.privacy.ts';
import { collectPersonalData } from './privacy.export.ts';
import { privacyExportRequests } from './privacy.tables.ts';
import {
  type ErasureCount,
  type ErasureFn,
  type ErasurePart,
  type ErasureSubject,
  erased,
  erasureHash,
  normaliseEmail,
  type PrivacyCtx,
  plural,
  pseudonymOf,
} from './privacy.types.ts';

// Erasing one person: every module's own `erasePersonalData` (in its `<module>.privacy.ts`), each in its own
// transaction, in an order where those that find the person through their account or member contact cards run
// before those go (accounts last, the audit log just before it). A module joins by adding its part here.

const privacy: ErasureFn = async (ctx, who) => {
  const n = (
    await ctx.db
      .delete(privacyExportRequests)
      .where(sql`${privacyExportRequests.email} = ${who.email}`)
      .returning({ id: privacyExportRequests.id })
  ).length;
  return {
    module: 'privacy',
    tables: erased(
      'privacy_export_requests',
      n,
      0,
      `${plural(n, 'demande')} d’export ou d’effacement supprimée${n > 1 ? 's' : ''}`,
    ),
  };
};

const parts: ErasureFn[] = [
  registrations,
  networking,
  news,
  gtec,
  memberships,
  relations,
  newsletters,
  mail,
  events,
  fairs,
  organizations,
  privacy,
  audit,
  accounts,
];

/** The modules whose `name`-like fields are the person's own (an organisation's name is not). */
const nameFields: Record<string, string[]> = {
  accounts: ['name'],
  memberships: ['name', 'payerName'],
  registrations: ['name'],
  relations: ['name'],
  newsletters: ['name'],
  events: ['contactName'],
  fairs: ['contactName'],
};

/** The names the platform holds for the address, read from the export before anything is erased. */
export async function namesOf(ctx: PrivacyCtx, email: string, now: Date): Promise<string[]> {
  const data = await collectPersonalData(ctx, email, now);
  const names = new Set<string>();
  for (const part of data.parts)
    for (const table of part.tables)
      for (const row of table.rows)
        for (const f of nameFields[part.module] ?? []) {
          const v = row[f];
          if (typeof v === 'string' && v.trim().length >= 3 && !v.startsWith('personne effacée'))
            names.add(v.trim());
        }
  return [...names].sort((a, b) => b.length - a.length);
}

export type ErasureReport = {
  pseudonym: string;
  parts: ErasurePart[];
  deleted: number;
  pseudonymised: number;
  kept: number;
  sentences: string[];
};

/** Erases the address everywhere (no rights checked here: the callers are privacy.service.ts). */
export async function erasePerson(ctx: PrivacyCtx, rawEmail: string, now: Date): Promise<ErasureReport> {
  const email = normaliseEmail(rawEmail);
  const hash = erasureHash(email);
  const who: ErasureSubject = {
    email,
    names: await namesOf(ctx, email, now),
    pseudonym: pseudonymOf(hash),
    hash,
    now,
  };
  const done: ErasurePart[] = [];
  for (const part of parts) done.push(await ctx.db.transaction((tx) => part({ db: tx }, who)));
  const all: ErasureCount[] = done.flatMap((p) => p.tables);
  const sum = (k: 'deleted' | 'pseudonymised' | 'kept') => all.reduce((n, c) => n + (c[k] ?? 0), 0);
  return {
    pseudonym: who.pseudonym,
    parts: done.filter((p) => p.tables.length),
    deleted: sum('deleted'),
    pseudonymised: sum('pseudonymised'),
    kept: sum('kept'),
    sentences: all.map((c) => c.sentence),
  };
}
