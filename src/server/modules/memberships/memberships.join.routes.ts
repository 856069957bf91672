import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { createRateLimiter } from '../../lib/rate-limit.ts';
import {
  applyToJoin,
  decideApplication,
  listApplications,
  myMemberships,
} from './memberships.applications.ts';
import { documentPdf } from './memberships.documents.ts';
import { renewalByToken, renewalDocument, runRenewals } from './memberships.renewals.ts';
import { contactInput, day, optionalText, text, uuid } from './memberships.schemas.ts';

// Joining: the public "Adhérer" form, the coordinators' review, and the signed-in member's own memberships.

const tags = ['memberships'];
const networkParams = z.object({ id: uuid('identifiant de réseau invalide') });
/** Window of the per-IP limit on applications (the registrations' limit per window). */
const RATE_WINDOW_MS = 10 * 60_000;

const applicationOut = z.object({
  id: z.string(),
  networkId: z.string(),
  planId: z.string(),
  organizationId: z.string().nullable(),
  organizationName: z.string(),
  siret: z.string().nullable(),
  newOrganization: z.object({ name: z.string(), siret: z.string().nullish() }).passthrough().nullable(),
  contacts: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      email: z.string().nullish(),
      phone: z.string().nullish(),
    }),
  ),
  applicantEmail: z.string(),
  message: z.string().nullable(),
  termsVersion: z.string(),
  consentedAt: z.date(),
  status: z.string(),
  decisionMessage: z.string().nullable(),
  decidedAt: z.date().nullable(),
  memberId: z.string().nullable(),
  createdAt: z.date(),
});

export function membershipJoinRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const perIpLimit = deps.config.registrationRateLimit ?? 20;
  const limiter =
    perIpLimit > 0
      ? createRateLimiter({
          db: deps.db,
          name: 'membership-application',
          limit: perIpLimit,
          windowMs: RATE_WINDOW_MS,
          clock: deps.clock,
        })
      : null;

  r.post(
    '/api/networks/:id/applications',
    {
      schema: {
        tags,
        summary:
          'Apply to join a network (public): an organisation of the directory or a new one, a plan, contacts, consent to the terms of the given version. A filled `website` (honeypot) looks like a success and stores nothing.',
        params: networkParams,
        body: z.strictObject({
          organizationId: uuid('organisation invalide').nullish(),
          newOrganization: z
            .strictObject({
              name: text(200, 'nom de l’organisation obligatoire'),
              siret: optionalText(20),
              postalCode: optionalText(5),
              address: optionalText(300),
            })
            .nullish(),
          planId: uuid('formule invalide'),
          contacts: z
            .array(contactInput.omit({ accountId: true }))
            .min(1, 'indiquez au moins un contact')
            .max(50),
          applicantEmail: z.email('adresse e-mail invalide').max(254),
          message: optionalText(2000),
          termsVersion: z.string().trim().min(1).max(40),
          consent: z.literal(true, 'l’accord aux conditions d’adhésion est nécessaire'),
          website: z.string().max(500).optional(),
        }),
        response: { 201: z.object({ id: z.string(), status: z.literal('pending') }) },
      },
    },
    async (req, reply) => {
      if (limiter && !(await limiter.hit(req.ip)).allowed) {
        throw new AppError('RATE_LIMITED', 'Trop de demandes depuis cette adresse : réessayez plus tard.');
      }
      return reply.status(201).send(await applyToJoin(deps, req.params.id, req.body));
    },
  );
  r.get(
    '/api/networks/:id/applications',
    {
      schema: {
        tags,
        summary: 'Applications to join, with their consent (coordinators)',
        params: networkParams,
        querystring: z.object({ status: z.enum(['pending', 'approved', 'declined']).optional() }),
        response: { 200: z.object({ items: z.array(applicationOut) }) },
      },
    },
    async (req) => ({ items: await listApplications(deps.db, req.actor, req.params.id, req.query) }),
  );
  r.post(
    '/api/networks/:id/applications/:applicationId/decision',
    {
      schema: {
        tags,
        summary:
          'Approve (member created, first call for dues mailed) or decline an application, with a mailed message; a second decision is a 409 (coordinators)',
        params: networkParams.extend({ applicationId: uuid('identifiant de demande invalide') }),
        body: z.strictObject({
          decision: z.enum(['approved', 'declined'], 'décision : accepter (approved) ou refuser (declined)'),
          message: optionalText(2000),
          startsOn: day.optional(),
        }),
        response: { 200: z.object({ id: z.string(), status: z.string(), memberId: z.string().nullable() }) },
      },
    },
    async (req) => {
      const out = await decideApplication(deps, req.actor, req.params.id, req.params.applicationId, req.body);
      return { id: out.id, status: out.status, memberId: out.memberId };
    },
  );
  r.get(
    '/api/me/memberships',
    {
      schema: {
        tags,
        summary: 'The memberships of the organisations the signed-in person edits or is a named contact of',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                networkId: z.string(),
                status: z.string(),
                organizationName: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await myMemberships(deps.db, req.actor) }),
  );

  r.post(
    '/api/networks/:id/renewals/run',
    {
      schema: {
        tags,
        summary:
          'Renewal run: calls for dues for the next period, reminders on each plan’s days (each sent once, even if run twice at once), lapses past the grace (coordinators)',
        params: networkParams,
        response: {
          200: z.object({ callsIssued: z.number(), remindersSent: z.number(), lapsed: z.number() }),
        },
      },
    },
    async (req) => runRenewals(deps, req.actor, req.params.id),
  );
  r.get(
    '/api/membership-renewal/:token',
    {
      schema: {
        tags,
        summary: 'The personal renewal link (no account): what is due and how to pay',
        params: z.object({ token: z.string().min(40).max(100) }),
        response: {
          200: z.object({
            networkName: z.string(),
            organizationName: z.string(),
            planName: z.string(),
            startsOn: z.string(),
            endsOn: z.string(),
            state: z.string(),
            amountCents: z.number(),
            dueCents: z.number(),
            callNumber: z.string().nullable(),
            documents: z.array(z.object({ number: z.string(), kind: z.string() })),
            memberStatus: z.string(),
            iban: z.string().nullable(),
            bic: z.string().nullable(),
            paymentInstructions: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => renewalByToken(deps, req.params.token),
  );
  r.get(
    '/api/membership-renewal/:token/documents/:number.pdf',
    {
      schema: {
        tags,
        summary:
          'A document of the renewal link’s period as PDF (its call for dues, receipt or credit note; no account)',
        params: z.object({
          token: z.string().min(40).max(100),
          number: z.string().regex(/^\d{4}-\d{5,}$/, 'numéro de document invalide (AAAA-NNNNN)'),
        }),
      },
    },
    async (req, reply) => {
      const doc = await renewalDocument(deps, req.params.token, req.params.number);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${doc.number}.pdf"`)
        .send(await documentPdf(doc));
    },
  );
}
