import { and, eq, gt } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { createRateLimiter, type RateLimiter } from '../../lib/rate-limit.ts';
import { requireSignedIn } from '../accounts/authz.ts';
import { hashToken, newToken } from '../accounts/sessions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { collectPersonalData, personalDataZip } from './privacy.export.ts';
import { privacyExportRequests } from './privacy.tables.ts';
import { normaliseEmail } from './privacy.types.ts';

// Who gets a person's data: the platform admin, for any address; the person, through a link mailed to the
// address, asked from a public form that answers the same whether the address is known or not. The link opens the
// export for a short time (EXPORT_LINK_TTL_MS) and may be used again within it (a mail client that opens links to
// check them does not spend it). Erasure and retention are not built yet.

export const EXPORT_LINK_TTL_MS = 30 * 60_000;

export type PrivacyLimits = { perIp: RateLimiter; perEmail: RateLimiter };

/** Requests from one IP (20 an hour: an office shares one) and for one address (3 an hour, from anywhere). */
export function createPrivacyLimits(deps: Pick<Deps, 'db' | 'clock'>): PrivacyLimits {
  const windowMs = 3600_000;
  return {
    perIp: createRateLimiter({ db: deps.db, name: 'privacy-ip', limit: 20, windowMs, clock: deps.clock }),
    perEmail: createRateLimiter({
      db: deps.db,
      name: 'privacy-email',
      limit: 3,
      windowMs,
      clock: deps.clock,
    }),
  };
}

const fileName = (now: Date) => `donnees-personnelles-${now.toISOString().slice(0, 10)}.zip`;

/** The platform admin's export of any address. */
export async function exportForAdmin(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, email: string) {
  requireSignedIn(actor);
  if (!actor?.isPlatformAdmin) throw forbidden('Réservé à l’administration de la plateforme');
  const data = await collectPersonalData(deps, email, deps.clock());
  await recordAudit(deps.db, actor, {
    action: 'privacy.export',
    entityType: 'person',
    after: { name: data.email, total: data.total },
  });
  return { zip: personalDataZip(data), fileName: fileName(data.generatedAt), total: data.total };
}

export const REQUEST_ANSWER =
  'Si cette adresse est connue de la plateforme, un lien pour télécharger ses données vient de lui être envoyé. Il est valable 30 minutes.';

/**
 * The public form: when the platform holds anything about the address, a link is mailed to it; the answer is the
 * same either way, and the data is gathered either way (so that the time taken does not tell either).
 */
export async function requestExport(
  deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>,
  limits: PrivacyLimits,
  input: { email: string; ip: string },
) {
  const email = normaliseEmail(input.email);
  const checks = [await limits.perIp.hit(input.ip), await limits.perEmail.hit(email)];
  if (checks.some((c) => !c.allowed)) {
    const minutes = Math.max(1, Math.ceil(Math.max(...checks.map((c) => c.retryAfterMs)) / 60_000));
    throw new AppError(
      'RATE_LIMITED',
      `Trop de demandes : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    );
  }
  const now = deps.clock();
  const data = await collectPersonalData(deps, email, now);
  if (data.total > 0) {
    const token = newToken();
    await deps.db.transaction(async (tx) => {
      await tx.insert(privacyExportRequests).values({
        email,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + EXPORT_LINK_TTL_MS),
      });
      await recordAudit(tx as never, null, {
        action: 'privacy.export-request',
        entityType: 'person',
        after: { name: email },
      });
    });
    const link = `${deps.config.publicUrl}/api/privacy/exports/${token}`;
    await deps.mailer.send({
      to: email,
      kind: 'privacy.export-link',
      subject: 'Vos données personnelles sur Maillage',
      text: [
        'Bonjour,',
        '',
        'Vous avez demandé les données que la plateforme Maillage détient sur cette adresse. Elles sont dans un',
        'fichier zip (JSON et tableaux CSV), à télécharger depuis ce lien valable 30 minutes :',
        '',
        link,
        '',
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : personne d’autre ne reçoit ce lien.',
      ].join('\n'),
    });
  }
  return { message: REQUEST_ANSWER };
}

/** The zip for a mailed link, while it is valid; a 404 naming the way out otherwise. */
export async function downloadExport(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  const now = deps.clock();
  const [request] =
    token.length <= 100
      ? await deps.db
          .select()
          .from(privacyExportRequests)
          .where(
            and(
              eq(privacyExportRequests.tokenHash, hashToken(token)),
              gt(privacyExportRequests.expiresAt, now),
            ),
          )
      : [];
  if (!request)
    throw notFound(
      'Ce lien est inconnu ou a expiré (30 minutes) : demandez-en un nouveau depuis la page « Mes données personnelles ».',
    );
  const data = await collectPersonalData(deps, request.email, now);
  await recordAudit(deps.db, null, {
    action: 'privacy.export-download',
    entityType: 'person',
    after: { name: request.email, total: data.total },
  });
  return { zip: personalDataZip(data), fileName: fileName(now) };
}
