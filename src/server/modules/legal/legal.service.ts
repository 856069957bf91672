import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { invalidInput } from '../../lib/errors.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { siretProblem } from '../company-identity/siret.ts';
import { networkLegalDetails } from './legal.tables.ts';

// The legal pages (mentions légales, confidentialité): each network, as publisher of its pages and controller of
// the data collected for its events, fairs and members, publishes its own details. They are public by law.

export type LegalDetailsInput = {
  legalName: string;
  address: string;
  siret?: string | null;
  publicationDirector: string;
  dataContact: string;
  host: string;
};
export type LegalDetails = LegalDetailsInput & { siret: string | null; updatedAt: Date };
export type NetworkLegal = {
  network: { id: string; slug: string; name: string; kind: string };
  details: LegalDetails | null;
};

/** Every network with its published details (null for a network that has not filled them yet). */
export async function listLegalDetails(deps: Pick<Deps, 'db'>): Promise<NetworkLegal[]> {
  const rows = await deps.db
    .select({
      network: { id: networks.id, slug: networks.slug, name: networks.name, kind: networks.kind },
      details: networkLegalDetails,
    })
    .from(networks)
    .leftJoin(networkLegalDetails, eq(networkLegalDetails.networkId, networks.id))
    .orderBy(networks.name);
  return rows.map(({ network, details }) => ({ network, details: details ? strip(details) : null }));
}

/** One network's details, or null when not filled yet. */
export async function getLegalDetails(
  deps: Pick<Deps, 'db'>,
  networkId: string,
): Promise<LegalDetails | null> {
  await requireNetwork(deps.db, networkId);
  const [row] = await deps.db
    .select()
    .from(networkLegalDetails)
    .where(eq(networkLegalDetails.networkId, networkId))
    .limit(1);
  return row ? strip(row) : null;
}

/** Saves a network's details (its coordinators, the platform admin); audited. */
export async function saveLegalDetails(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  input: LegalDetailsInput,
): Promise<LegalDetails> {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const siret = input.siret?.replace(/\s/g, '') || null;
  const problem = siret ? siretProblem(siret) : null;
  if (problem) throw invalidInput(`SIRET invalide : ${problem}`, { siret: problem });
  const values = { ...input, siret, networkId, updatedAt: deps.clock() };
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(networkLegalDetails)
      .where(eq(networkLegalDetails.networkId, networkId));
    const [row] = await tx
      .insert(networkLegalDetails)
      .values(values)
      .onConflictDoUpdate({ target: networkLegalDetails.networkId, set: values })
      .returning();
    await recordAudit(tx, actor, {
      action: 'network.legal-details.update',
      entityType: 'network',
      entityId: networkId,
      networkIds: [networkId],
      before: before ?? null,
      after: row,
    });
    return strip(row);
  });
}

function strip(row: typeof networkLegalDetails.$inferSelect): LegalDetails {
  const { networkId: _, ...details } = row;
  return details;
}
