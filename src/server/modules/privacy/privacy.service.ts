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
// check them does not spend it). The erasure's link (privacy.erasure.service.ts) is asked and mailed the same way.

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

/** What the mailed link is for: the export's zip, or the erasure (a page asking to confirm it). */
export type LinkPurpose = 'export' | 'erasure';
export const ERASURE_LINK_TTL_MS = 24 * 3600_000;
export const ERASURE_REQUEST_ANSWER =
  'Si cette adresse est connue de la plateforme, un lien pour confirmer l’effacement de ses données vient de lui être envoyé. Il est valable 24 heures.';

const linkMail = (purpose: LinkPurpose, link: string) =>
  purpose === 'export'
    ? {
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
      }
    : {
        kind: 'privacy.erasure-link',
        subject: 'Effacer vos données personnelles sur Maillage',
        text: [
          'Bonjour,',
          '',
          'Vous avez demandé l’effacement des données que la plateforme Maillage détient sur cette adresse.',
          'Pour le confirmer, ouvrez ce lien (valable 24 heures) et cliquez sur « Effacer mes données » :',
          '',
          link,
          '',
          'Les pièces comptables (reçus, paiements) sont conservées 10 ans, sans votre nom quand il y figure.',
          'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne sera effacé.',
        ].join('\n'),
      };

/**
 * The public forms: when the platform holds anything about the address, a link is mailed to it; the answer is the
 * same either way, and the data is gathered either way (so that the time taken does not tell either).
 */
export async function requestLink(
  deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>,
  limits: PrivacyLimits,
  input: { email: string; ip: string },
  purpose: LinkPurpose,
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
    const ttl = purpose === 'export' ? EXPORT_LINK_TTL_MS : ERASURE_LINK_TTL_MS;
    await deps.db.transaction(async (tx) => {
      await tx.insert(privacyExportRequests).values({
        email,
        purpose,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + ttl),
      });
      await recordAudit(
        tx as never,
        null,
        purpose === 'export'
          ? { action: 'privacy.export-request', entityType: 'person', after: { name: email } }
          : { action: 'privacy.erasure-request', entityType: 'person', after: { name: email } },
      );
    });
    const link =
      purpose === 'export'
        ? `${deps.config.publicUrl}/api/privacy/exports/${token}`
        : `${deps.config.publicUrl}/donnees-personnelles/effacement/${token}`;
    await deps.mailer.send({ to: email, ...linkMail(purpose, link) });
  }
  return { message: purpose === 'export' ? REQUEST_ANSWER : ERASURE_REQUEST_ANSWER };
}

export const requestExport = (
  deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>,
  limits: PrivacyLimits,
  input: { email: string; ip: string },
) => requestLink(deps, limits, input, 'export');

/** The valid request behind a mailed link, or null. */
export async function findLink(deps: Pick<Deps, 'db' | 'clock'>, token: string, purpose: LinkPurpose) {
  if (token.length > 100) return null;
  const [request] = await deps.db
    .select()
    .from(privacyExportRequests)
    .where(
      and(
        eq(privacyExportRequests.tokenHash, hashToken(token)),
        eq(privacyExportRequests.purpose, purpose),
        gt(privacyExportRequests.expiresAt, deps.clock()),
      ),
    );
  return request ?? null;
}

/** The zip for a mailed link, while it is valid; a 404 naming the way out otherwise. */
export async function downloadExport(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  const now = deps.clock();
  const request = await findLink(deps, token, 'export');
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
