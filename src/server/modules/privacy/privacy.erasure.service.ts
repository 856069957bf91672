import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { requireSignedIn } from '../accounts/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type ErasureReport, erasePerson } from './privacy.erase.ts';
import { findLink, type PrivacyLimits, requestLink } from './privacy.service.ts';
import { privacyExportRequests } from './privacy.tables.ts';

// Who may erase a person: the platform admin, for any address; the person, through a link mailed to the address
// (asked from the same public form as the export), then one click on the page it opens. Audited once, after the
// erasure, with the pseudonym and the counts (never the address: the erasure has just rewritten the log).

async function eraseAndAudit(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, email: string) {
  const report = await erasePerson(deps, email, deps.clock());
  await recordAudit(deps.db, actor, {
    action: 'privacy.erase',
    entityType: 'person',
    after: {
      name: report.pseudonym,
      deleted: report.deleted,
      pseudonymised: report.pseudonymised,
      kept: report.kept,
      byThePerson: actor === null,
    },
  });
  return report;
}

/** The platform admin's erasure of any address. */
export async function eraseForAdmin(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  email: string,
): Promise<ErasureReport> {
  requireSignedIn(actor);
  if (!actor?.isPlatformAdmin) throw forbidden('Réservé à l’administration de la plateforme');
  if (actor.email === email.trim().toLowerCase())
    throw forbidden('Vous ne pouvez pas effacer votre propre compte d’administration depuis ce formulaire.');
  return eraseAndAudit(deps, actor, email);
}

export const requestErasure = (
  deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>,
  limits: PrivacyLimits,
  input: { email: string; ip: string },
) => requestLink(deps, limits, input, 'erasure');

const deadLink = () =>
  notFound(
    'Ce lien est inconnu, déjà utilisé ou a expiré (24 heures) : demandez-en un nouveau depuis la page « Mes données personnelles ».',
  );

/** What the link's page shows before the click: the address, partly hidden. */
export async function erasureLink(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  const request = await findLink(deps, token, 'erasure');
  if (!request) throw deadLink();
  const [user, domain] = request.email.split('@');
  return {
    email: `${user.slice(0, 2)}${'•'.repeat(Math.max(1, user.length - 2))}@${domain}`,
    expiresAt: request.expiresAt,
  };
}

/** The click: the link is spent (the erasure deletes the person's requests) and the report returned. */
export async function confirmErasure(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  const request = await findLink(deps, token, 'erasure');
  // Claimed by deleting it: of two clicks at once, one erases and the other finds the link spent.
  const [claimed] = request
    ? await deps.db
        .delete(privacyExportRequests)
        .where(eq(privacyExportRequests.id, request.id))
        .returning({ email: privacyExportRequests.email })
    : [];
  if (!claimed) throw deadLink();
  return eraseAndAudit(deps, null, claimed.email);
}
