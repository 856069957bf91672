import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../context.ts';
import { text, uuid } from '../memberships.schemas.ts';
import { receiveNotification } from './helloasso.notifications.ts';
import { attachOrder, dismissOrder, importHelloAssoOrders, listUnmatchedOrders } from './helloasso.orders.ts';
import { getHelloAssoSettings, NOTIFICATIONS_PATH, putHelloAssoSettings } from './helloasso.settings.ts';

const tags = ['memberships'];
const networkParams = z.object({ id: uuid('identifiant de réseau invalide') });
const orderParams = networkParams.extend({
  orderId: z.coerce
    .number('numéro de commande HelloAsso invalide')
    .int('numéro de commande HelloAsso invalide')
    .min(1, 'numéro de commande HelloAsso invalide')
    .max(2_147_483_647, 'numéro de commande HelloAsso invalide'),
});
const slug = (what: string) =>
  z
    .string(`${what} obligatoire`)
    .trim()
    .min(1, `${what} obligatoire`)
    .max(200, `${what} : 200 caractères au plus`)
    .regex(/^[a-z0-9][a-z0-9-]*$/i, `${what} : lettres, chiffres et tirets, comme dans l’adresse HelloAsso`);
const settingsOut = z.object({
  organizationSlug: z.string(),
  formSlug: z.string(),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
  notificationUrl: z.string(),
  demo: z.boolean(),
});
const unmatchedOut = z.object({
  orderId: z.number(),
  amountCents: z.number(),
  paidOn: z.string(),
  payerName: z.string().nullable(),
  payerEmail: z.string().nullable(),
  siret: z.string().nullable(),
  reason: z.string(),
});

/** HelloAsso: settings, import, orders to attach (coordinators) and HelloAsso's notifications (public, keyed). */
export function helloAssoRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/networks/:id/helloasso',
    {
      schema: {
        tags,
        summary:
          'The network’s HelloAsso settings: organisation, membership form, API client (whether its secret is set, never the secret) and the notification URL to copy into HelloAsso (coordinators)',
        params: networkParams,
        response: { 200: z.object({ settings: settingsOut.nullable() }) },
      },
    },
    async (req) => ({ settings: await getHelloAssoSettings(deps, req.actor, req.params.id) }),
  );
  r.put(
    '/api/networks/:id/helloasso',
    {
      schema: {
        tags,
        summary:
          'Set the HelloAsso settings; the client secret is kept when left out, the notification key renewed on request (coordinators)',
        params: networkParams,
        body: z.strictObject({
          organizationSlug: slug('organisation HelloAsso'),
          formSlug: slug('formulaire d’adhésion'),
          clientId: text(200, 'identifiant du client API obligatoire'),
          clientSecret: text(500, 'secret du client API obligatoire').nullish(),
          renewNotificationKey: z.boolean('oui ou non').optional(),
        }),
        response: { 200: settingsOut },
      },
    },
    async (req) => putHelloAssoSettings(deps, req.actor, req.params.id, req.body),
  );
  r.post(
    '/api/networks/:id/helloasso/import',
    {
      schema: {
        tags,
        summary:
          'Read the membership form’s orders from HelloAsso and record what was paid, matched by email or SIRET; the same order is recorded once (coordinators)',
        params: networkParams,
        response: {
          200: z.object({
            recorded: z.number(),
            unmatched: z.number(),
            known: z.number(),
            notPaid: z.number(),
          }),
        },
      },
    },
    async (req) => importHelloAssoOrders(deps, req.actor, req.params.id),
  );
  r.get(
    '/api/networks/:id/helloasso/unmatched',
    {
      schema: {
        tags,
        summary: 'HelloAsso orders no member could be found for, with the reason (coordinators)',
        params: networkParams,
        response: { 200: z.object({ items: z.array(unmatchedOut) }) },
      },
    },
    async (req) => ({ items: await listUnmatchedOrders(deps.db, req.actor, req.params.id) }),
  );
  r.post(
    '/api/networks/:id/helloasso/unmatched/:orderId/attach',
    {
      schema: {
        tags,
        summary: 'Attach an unmatched HelloAsso order to a member and record its payment (coordinators)',
        params: orderParams,
        body: z.strictObject({ memberId: uuid('adhérent invalide') }),
        response: { 200: z.object({ orderId: z.number(), memberId: z.string(), paymentId: z.string() }) },
      },
    },
    async (req) => attachOrder(deps, req.actor, req.params.id, req.params.orderId, req.body.memberId),
  );
  r.post(
    '/api/networks/:id/helloasso/unmatched/:orderId/dismiss',
    {
      schema: {
        tags,
        summary: 'Set an unmatched HelloAsso order aside without recording a payment (coordinators)',
        params: orderParams,
        response: { 200: z.object({ orderId: z.number() }) },
      },
    },
    async (req) => dismissOrder(deps, req.actor, req.params.id, req.params.orderId),
  );
  r.post(
    NOTIFICATIONS_PATH,
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary:
          'HelloAsso’s notifications, at the URL shown in the network’s settings (`?network=<id>&key=<key>`): the order is read again from HelloAsso before anything is recorded; unknown events answer 200; a wrong key 403',
        querystring: z.object({
          network: z.string('réseau manquant').max(100, 'réseau invalide'),
          key: z.string('clé manquante').max(200, 'clé invalide'),
        }),
        body: z.object({
          eventType: z.string('type d’événement manquant').max(100, 'type d’événement invalide'),
          data: z.record(z.string(), z.unknown(), 'données invalides').nullish(),
        }),
        response: { 200: z.object({ received: z.literal(true), outcome: z.string() }) },
      },
    },
    async (req) => ({
      received: true as const,
      outcome: await receiveNotification(deps, req.query, req.body),
    }),
  );
}
