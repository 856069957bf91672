import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { isCoordinatorOf, requireCoordinatorOf } from '../accounts/authz.ts';
import { listMembers, requireNetwork } from '../accounts/networks.service.ts';
import { findTerritory } from '../territories/territories.service.ts';
import { relationContacts } from './relations.tables.ts';

// Who reads the relations log: the network's coordinators (its staff) alone. A contact of another network is a
// 404, so that its existence is not told either.

/** The network, if the actor is one of its coordinators (404 unknown network, 401/403 otherwise). */
export async function requireStaff(db: Db, actor: Actor | null, networkId: string) {
  const network = await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  return network;
}

export type ContactRow = typeof relationContacts.$inferSelect;

/** A contact the actor may read (its network's coordinators), else a 404. */
export async function requireContact(db: Db, actor: Actor | null, contactId: string): Promise<ContactRow> {
  const [row] = isUuid(contactId)
    ? await db.select().from(relationContacts).where(eq(relationContacts.id, contactId))
    : [];
  if (!row || !(await isCoordinatorOf(db, actor, row.networkId))) throw notFound('Contact introuvable');
  return row;
}

/** Contacts of the network's log, by id; a 400 naming `field` for any that is not. */
export async function requireContactsOf(db: Db, networkId: string, ids: string[], field: string) {
  const rows = await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const [row] = isUuid(id)
        ? await db
            .select({ id: relationContacts.id, name: relationContacts.name })
            .from(relationContacts)
            .where(and(eq(relationContacts.id, id), eq(relationContacts.networkId, networkId)))
        : [];
      return row;
    }),
  );
  if (rows.some((r) => !r))
    throw invalidInput('Contact inconnu', {
      [field]: 'un des contacts n’est pas dans le carnet de ce réseau',
    });
  return rows as { id: string; name: string }[];
}

/** One of the network's coordinators (the owner of a task), else a 400 naming `field`. */
export async function requireCoordinatorAccount(
  db: Db,
  actor: Actor | null,
  networkId: string,
  accountId: string,
) {
  const people = await listMembers({ db }, actor, networkId);
  const owner = people.find((p) => p.accountId === accountId && p.role === 'coordinator');
  if (!owner)
    throw invalidInput('Responsable inconnu', {
      ownerId: 'le responsable doit être un coordinateur du réseau',
    });
  return owner;
}

/** A territory code checked against the reference (commune, EPCI, department or region), canonical. */
export function checkTerritory(code: string, field: string): string {
  const t = findTerritory(code);
  if (!t || t.level === 'country')
    throw invalidInput(`Territoire inconnu : ${code}`, {
      [field]: `territoire inconnu : ${code} (commune, intercommunalité, département ou région)`,
    });
  return t.code;
}

/** A territory's name for staff (never its code); null when none. */
export const territoryName = (code: string | null) => (code ? (findTerritory(code)?.name ?? null) : null);
