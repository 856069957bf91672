import { and, asc, count, desc, eq, ilike, inArray, isNull } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { organizationNames } from '../organizations/organizations.names.ts';
import { findTerritory } from '../territories/territories.service.ts';
import {
  type ContactRow,
  checkTerritory,
  requireContact,
  requireStaff,
  territoryName,
} from './relations.access.ts';
import {
  type ContactKind,
  contactKindLabels,
  contactSearchText,
  type MandateKind,
  mandateSentence,
  queryWords,
} from './relations.rules.ts';
import { relationContacts, relationMandates } from './relations.tables.ts';

// The contacts of a network's relations log: list and search (accents ignored), create, update, read one with
// its mandates from the register. Staff only.

export type ContactInput = {
  kind: ContactKind;
  name: string;
  role?: string | null;
  organizationName?: string | null;
  email?: string | null;
  phone?: string | null;
  territoryCode?: string | null;
  organizationId?: string | null;
  notes?: string | null;
};

async function checkOrganization(db: Db, organizationId: string | null | undefined) {
  if (!organizationId) return null;
  const names = await organizationNames(db, [organizationId]);
  if (!names.has(organizationId))
    throw invalidInput('Organisation inconnue', {
      organizationId: 'aucune organisation de l’annuaire ne porte cet identifiant',
    });
  return organizationId;
}

/** The contact as staff read it: sentences and names, never codes. */
export async function contactView(db: Db, row: ContactRow) {
  const orgNames = row.organizationId ? await organizationNames(db, [row.organizationId]) : new Map();
  const mandates = await db
    .select()
    .from(relationMandates)
    .where(eq(relationMandates.contactId, row.id))
    .orderBy(asc(relationMandates.endedOn), desc(relationMandates.startedOn));
  return {
    id: row.id,
    networkId: row.networkId,
    kind: row.kind,
    kindLabel: contactKindLabels[row.kind as ContactKind] ?? row.kind,
    name: row.name,
    role: row.role,
    organizationName: row.organizationName,
    email: row.email,
    phone: row.phone,
    territoryCode: row.territoryCode,
    territoryName: territoryName(row.territoryCode),
    organizationId: row.organizationId,
    directoryName: row.organizationId ? (orgNames.get(row.organizationId) ?? null) : null,
    notes: row.notes,
    source: row.source,
    mandates: mandates.map((m) => ({
      label: mandateSentence(m.mandate as MandateKind, m.functionLabel, row.sex),
      territoryName: territoryName(m.territoryCode) ?? m.territoryCode,
      startedOn: m.startedOn,
      endedOn: m.endedOn,
      current: m.endedOn === null,
    })),
    isDemo: row.isDemo,
  };
}

/** The network's contacts, by name; `q` matches every word within name, role and organisation, accents ignored. */
export async function listContacts(
  db: Db,
  actor: Actor | null,
  networkId: string,
  opts: { q?: string; kind?: ContactKind; territory?: string; page: number; pageSize: number },
) {
  await requireStaff(db, actor, networkId);
  const territory = opts.territory ? checkTerritory(opts.territory, 'territory') : undefined;
  const where = and(
    eq(relationContacts.networkId, networkId),
    opts.kind ? eq(relationContacts.kind, opts.kind) : undefined,
    territory ? eq(relationContacts.territoryCode, territory) : undefined,
    ...queryWords(opts.q ?? '').map((w) => ilike(relationContacts.searchText, `%${w}%`)),
  );
  const [{ total }] = await db.select({ total: count() }).from(relationContacts).where(where);
  const rows = await db
    .select()
    .from(relationContacts)
    .where(where)
    .orderBy(asc(relationContacts.name), asc(relationContacts.id))
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize);
  // Whether each official still holds a mandate: an ended one reads "mandat terminé".
  const current = rows.length
    ? await db
        .select({ contactId: relationMandates.contactId })
        .from(relationMandates)
        .where(
          and(
            inArray(
              relationMandates.contactId,
              rows.map((r) => r.id),
            ),
            isNull(relationMandates.endedOn),
          ),
        )
    : [];
  const holding = new Set(current.map((c) => c.contactId));
  return {
    total,
    page: opts.page,
    pageSize: opts.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      kindLabel: contactKindLabels[r.kind as ContactKind] ?? r.kind,
      name: r.name,
      role: r.role,
      organizationName: r.organizationName,
      territoryName: territoryName(r.territoryCode),
      source: r.source,
      mandateEnded: r.source === 'register' && !holding.has(r.id),
      isDemo: r.isDemo,
    })),
  };
}

export async function createContact(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  input: ContactInput,
) {
  await requireStaff(deps.db, actor, networkId);
  const territoryCode = input.territoryCode ? checkTerritory(input.territoryCode, 'territoryCode') : null;
  const organizationId = await checkOrganization(deps.db, input.organizationId);
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .insert(relationContacts)
      .values({
        networkId,
        kind: input.kind,
        name: input.name,
        role: input.role ?? null,
        organizationName: input.organizationName ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        territoryCode,
        organizationId,
        notes: input.notes ?? null,
        searchText: contactSearchText(input),
        createdBy: actor?.accountId ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'relations.contact-create',
      entityType: 'relation_contact',
      entityId: row.id,
      networkIds: [networkId],
      after: { name: row.name, kind: row.kind, territoryCode },
    });
    return contactView(tx, row);
  });
}

/** The fields the register's next file rewrites: an imported official's kind, name, function and territory. */
const registerFields = {
  kind: 'type',
  name: 'nom',
  role: 'fonction',
  territoryCode: 'territoire',
} as const;

/** A change by hand to an imported official's register fields is refused (the next import would undo it). */
function refuseRegisterFields(before: ContactRow, input: Partial<ContactInput>) {
  const fields: Record<string, string> = {};
  for (const [key, word] of Object.entries(registerFields) as [keyof typeof registerFields, string][]) {
    const value = input[key];
    if (value === undefined) continue;
    const same =
      key === 'territoryCode'
        ? (value ? (findTerritory(value)?.code ?? value) : null) === before.territoryCode
        : value === before[key];
    if (!same)
      fields[key] =
        `${word} : champ du Répertoire national des élus, remplacé à chaque import ; non modifiable à la main`;
  }
  if (Object.keys(fields).length)
    throw invalidInput('Champs du Répertoire national des élus non modifiables', fields);
}

export async function updateContact(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  contactId: string,
  input: Partial<ContactInput>,
) {
  const before = await requireContact(deps.db, actor, contactId);
  if (before.source === 'register') refuseRegisterFields(before, input);
  const patch: Partial<ContactRow> = {};
  for (const key of ['kind', 'name', 'role', 'organizationName', 'email', 'phone', 'notes'] as const)
    if (input[key] !== undefined) (patch as Record<string, unknown>)[key] = input[key];
  if (input.territoryCode !== undefined)
    patch.territoryCode = input.territoryCode ? checkTerritory(input.territoryCode, 'territoryCode') : null;
  if (input.organizationId !== undefined)
    patch.organizationId = await checkOrganization(deps.db, input.organizationId);
  const next = { ...before, ...patch };
  patch.searchText = contactSearchText(next);
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .update(relationContacts)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(relationContacts.id, contactId))
      .returning();
    const changed = Object.keys(patch).filter((k) => k !== 'searchText');
    await recordAudit(tx, actor, {
      action: 'relations.contact-update',
      entityType: 'relation_contact',
      entityId: contactId,
      networkIds: [before.networkId],
      before: {
        name: before.name,
        ...Object.fromEntries(changed.map((k) => [k, before[k as keyof ContactRow]])),
      },
      after: { name: row.name, ...Object.fromEntries(changed.map((k) => [k, row[k as keyof ContactRow]])) },
    });
    return contactView(tx, row);
  });
}

export async function getContact(db: Db, actor: Actor | null, contactId: string) {
  return contactView(db, await requireContact(db, actor, contactId));
}
