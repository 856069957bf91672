import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { helloAssoRoutes } from './helloasso/helloasso.routes.ts';
import { requireMemberAccess } from './memberships.access.ts';
import { membershipsDashboardRoutes } from './memberships.dashboard.routes.ts';
import { membershipDirectoryRoutes } from './memberships.directory.routes.ts';
import { documentPdf, findDocument } from './memberships.documents.ts';
import { issueCreditNote, recordPayment } from './memberships.dues.ts';
import { membershipJoinRoutes } from './memberships.join.routes.ts';
import { duesLedger } from './memberships.ledger.ts';
import { addMember, addPeriod, getMember, listMembers, replaceContacts } from './memberships.members.ts';
import { createPlan, getSettings, listPlans, putSettings, updatePlan } from './memberships.plans.ts';
import {
  contactInput,
  day,
  memberDetail,
  memberListItem,
  memberStatuses,
  optionalText,
  paymentMethods,
  planInput,
  planOut,
  settingsInput,
  settingsOut,
  text,
  uuid,
} from './memberships.schemas.ts';

const tags = ['memberships'];
const networkParams = z.object({ id: uuid('identifiant de réseau invalide') });
const memberParams = z.object({ id: uuid('identifiant d’adhérent invalide') });
const documentParams = memberParams.extend({
  number: z.string().regex(/^\d{4}-\d{5,}$/, 'numéro de document invalide (AAAA-NNNNN)'),
});

export function membershipsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  membershipJoinRoutes(app, deps);
  membershipsDashboardRoutes(app, deps);
  helloAssoRoutes(app, deps);
  membershipDirectoryRoutes(app, deps);

  r.get(
    '/api/networks/:id/membership-plans',
    {
      schema: {
        tags,
        summary: 'A network’s membership plans (public: the join form lists the active ones)',
        params: networkParams,
        querystring: z.object({ all: z.stringbool().optional() }),
        response: { 200: z.object({ items: z.array(planOut) }) },
      },
    },
    async (req) => ({ items: await listPlans(deps.db, req.params.id, { activeOnly: !req.query.all }) }),
  );
  r.post(
    '/api/networks/:id/membership-plans',
    {
      schema: {
        tags,
        summary:
          'Create a membership plan: price in cents, VAT rate or none, period, pro-rata, grace (coordinators)',
        params: networkParams,
        body: planInput,
        response: { 201: planOut },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(deps, req.actor, req.params.id, req.body)),
  );
  r.patch(
    '/api/membership-plans/:id',
    {
      schema: {
        tags,
        summary: 'Edit a plan; periods already called keep their amounts (coordinators)',
        params: z.object({ id: uuid('identifiant de formule invalide') }),
        body: planInput.partial(),
        response: { 200: planOut },
      },
    },
    async (req) => updatePlan(deps, req.actor, req.params.id, req.body),
  );
  r.get(
    '/api/networks/:id/membership-settings',
    {
      schema: {
        tags,
        summary: 'Legal details printed on documents, bank details and the terms of membership (public)',
        params: networkParams,
        response: { 200: settingsOut.extend({ networkName: z.string() }) },
      },
    },
    async (req) => {
      const { network, settings } = await getSettings(deps.db, req.params.id);
      return { ...settings, networkName: network.name };
    },
  );
  r.put(
    '/api/networks/:id/membership-settings',
    {
      schema: {
        tags,
        summary: 'Set the membership settings (coordinators)',
        params: networkParams,
        body: settingsInput,
        response: { 200: settingsOut },
      },
    },
    async (req) => putSettings(deps, req.actor, req.params.id, req.body),
  );

  r.get(
    '/api/networks/:id/memberships',
    {
      schema: {
        tags,
        summary: 'A network’s members with their latest period (coordinators of the network only)',
        params: networkParams,
        querystring: z.object({
          status: z.enum(memberStatuses).optional(),
          plan: uuid('formule invalide').optional(),
          q: z.string().trim().max(200).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            items: z.array(memberListItem),
          }),
        },
      },
    },
    async (req) => {
      const { plan, ...rest } = req.query;
      return listMembers(deps.db, req.actor, req.params.id, { ...rest, planId: plan });
    },
  );
  r.post(
    '/api/networks/:id/memberships',
    {
      schema: {
        tags,
        summary:
          'Make an organisation of the directory a member, with its first call for dues (coordinators)',
        params: networkParams,
        body: z.strictObject({
          organizationId: uuid('organisation invalide'),
          planId: uuid('formule invalide'),
          startsOn: day.optional(),
          contacts: z.array(contactInput).max(50).optional(),
        }),
        response: { 201: memberDetail },
      },
    },
    async (req, reply) => {
      const member = await addMember(deps, req.actor, req.params.id, req.body);
      return reply.status(201).send(await getMember(deps.db, req.actor, member.id));
    },
  );
  r.get(
    '/api/members/:id',
    {
      schema: {
        tags,
        summary:
          'A member with its periods (history), statuses, contacts, payments and documents: for the network’s coordinators and the member itself; 404 for anyone else',
        params: memberParams,
        response: { 200: memberDetail },
      },
    },
    async (req) => getMember(deps.db, req.actor, req.params.id),
  );
  r.put(
    '/api/members/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Replace the named contacts (coordinators, or the member itself)',
        params: memberParams,
        body: z.strictObject({ contacts: z.array(contactInput).max(50) }),
        response: { 200: memberDetail },
      },
    },
    async (req) => {
      await replaceContacts(deps, req.actor, req.params.id, req.body.contacts);
      return getMember(deps.db, req.actor, req.params.id);
    },
  );
  r.post(
    '/api/members/:id/periods',
    {
      schema: {
        tags,
        summary:
          'Open a further period (renewal, re-join, custom dates) and issue its call for dues (coordinators)',
        params: memberParams,
        body: z.strictObject({
          planId: uuid('formule invalide'),
          startsOn: day.optional(),
          endsOn: day.optional(),
        }),
        response: { 201: memberDetail },
      },
    },
    async (req, reply) => {
      await addPeriod(deps, req.actor, req.params.id, req.body);
      return reply.status(201).send(await getMember(deps.db, req.actor, req.params.id));
    },
  );
  r.post(
    '/api/members/:id/payments',
    {
      schema: {
        tags,
        summary:
          'Record a payment (transfer, cheque, cash, card), whole or partial, against a call for dues; issues a numbered receipt (coordinators)',
        params: memberParams,
        body: z.strictObject({
          periodId: uuid('période invalide').nullish(),
          amountCents: z
            .number()
            .int('montant en centimes entiers')
            .positive('le montant doit être positif')
            .max(100_000_000),
          method: z.enum(
            paymentMethods,
            'mode de paiement : virement (transfer), chèque (cheque), espèces (cash) ou carte (card)',
          ),
          paidOn: day,
          reference: optionalText(100),
        }),
        response: {
          201: z.object({ paymentId: z.string(), receiptNumber: z.string(), dueCents: z.number() }),
        },
      },
    },
    async (req, reply) => {
      const { payment, receipt, dueCents } = await recordPayment(deps, req.actor, req.params.id, req.body);
      return reply.status(201).send({ paymentId: payment.id, receiptNumber: receipt.number, dueCents });
    },
  );
  r.post(
    '/api/members/:id/documents/:number/credit-note',
    {
      schema: {
        tags,
        summary:
          'Cancel an issued call or receipt by a numbered credit note; the document itself never changes (coordinators)',
        params: documentParams,
        body: z.strictObject({ reason: text(500, 'motif obligatoire') }),
        response: { 201: z.object({ number: z.string() }) },
      },
    },
    async (req, reply) => {
      const credit = await issueCreditNote(
        deps,
        req.actor,
        req.params.id,
        req.params.number,
        req.body.reason,
      );
      return reply.status(201).send({ number: credit.number });
    },
  );
  r.get(
    '/api/members/:id/documents/:number.pdf',
    {
      schema: {
        tags,
        summary:
          'A numbered document as PDF: call for dues, receipt (attestation) or credit note (coordinators and the member)',
        params: documentParams,
      },
    },
    async (req, reply) => {
      const { member } = await requireMemberAccess(deps.db, req.actor, req.params.id);
      const doc = await findDocument(deps.db, member.networkId, req.params.number);
      if (!doc || doc.memberId !== member.id) throw notFound('Document introuvable');
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${doc.number}.pdf"`)
        .send(await documentPdf(doc));
    },
  );
  r.get(
    '/api/networks/:id/dues-ledger.csv',
    {
      schema: {
        tags,
        summary:
          'The dues ledger: every document in number order, CSV for French Excel (`;`, BOM) (coordinators)',
        params: networkParams,
        querystring: z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() }),
      },
    },
    async (req, reply) => {
      const ledger = await duesLedger(deps.db, req.actor, req.params.id, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${ledger.filename}.csv"`)
        .send(ledger.csv());
    },
  );
  r.get(
    '/api/networks/:id/dues-ledger.xlsx',
    {
      schema: {
        tags,
        summary: 'The dues ledger as an XLSX workbook, amounts as numbers in euros (coordinators)',
        params: networkParams,
        querystring: z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() }),
      },
    },
    async (req, reply) => {
      const ledger = await duesLedger(deps.db, req.actor, req.params.id, req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${ledger.filename}.xlsx"`)
        .send(ledger.xlsx());
    },
  );
}
