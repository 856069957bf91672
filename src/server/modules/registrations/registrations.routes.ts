import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { createRateLimiter } from '../../lib/rate-limit.ts';
// Imported under another name: it is not a React hook, whatever its name says.
import { plugEventCancelled } from '../events/events.cancel.ts';
import { plugDatesChanged } from '../events/events.dates-changed.ts';
import { useSeatsReader as plugSeatsReader } from '../events/events.seats.ts';
import { registrationCounts, registrationSummary, seatsLeft } from './registrations.counts.ts';
import { attendanceCsv, registrantsCsv } from './registrations.csv.ts';
import { registrationsFollowDates } from './registrations.dates-changed.ts';
import { loadEvent } from './registrations.event.ts';
import { cancelRegistrationsOfEvent } from './registrations.event-cancelled.ts';
import { listMyRegistrations } from './registrations.mine.ts';
import { checkIn, listRegistrants, registrationsOverview, undoCheckIn } from './registrations.organizer.ts';
import {
  cancelRegistration,
  confirmMemberSignUp,
  getRegistrationByToken,
  registerForEvent,
} from './registrations.service.ts';
import { qrSvg, signCheckinToken } from './registrations.tokens.ts';

const tags = ['registrations'];
const eventParams = z.object({ id: z.uuid('identifiant d’événement invalide') });
const tokenParams = z.object({ token: z.string().min(16).max(100) });
const optionalText = (max: number) => z.string().trim().max(max).nullish();
/** A date of the event: the ISO instant of one of its occurrences' start (from the summary's `occurrences`). */
const occurrenceField = z.iso
  .datetime({
    offset: true,
    error: 'date invalide : un instant ISO est attendu (ex. 2027-02-04T17:30:00.000Z)',
  })
  .transform((s) => new Date(s))
  .optional();
const registrationBody = z.strictObject({
  name: z.string().trim().min(1, 'nom obligatoire').max(200),
  email: z.email('adresse e-mail invalide').max(254),
  organization: optionalText(200),
  accessibilityNeeds: optionalText(1000),
  consent: z.literal(true, 'le consentement est nécessaire pour s’inscrire'),
  website: z.string().max(500).optional(),
  /** The date registered for: required for a recurring event, one of its dates to come. */
  occurrence: occurrenceField,
  /** The newsletter box, ticked: the list the form offered and the version of the consent text it showed. */
  newsletter: z
    .strictObject({
      listId: z.uuid('lettre d’information inconnue'),
      consentVersion: z.string().min(1, 'version du consentement manquante').max(50),
    })
    .optional(),
});
const registrationAnswer = z.object({
  id: z.uuid(),
  status: z.enum(['confirmed', 'waitlisted']),
  position: z.number().int().optional(),
  manageToken: z.string().optional(),
  /** The start of the date registered for. */
  occurrenceStartsAt: z.date(),
  newsletter: z.enum(['confirmation-sent', 'not-subscribed']).optional(),
});
const ticketEvent = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  timezone: z.string(),
  venueName: z.string().nullable(),
  venueAddress: z.string().nullable(),
  communeName: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  status: z.string(),
});

/** Window of the per-IP limit on registrations (REGISTRATION_RATE_LIMIT per window). */
const RATE_WINDOW_MS = 10 * 60_000;

export function registrationsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The events listing (hasSeats filter, seats left) and the campaign dashboard read our counts.
  plugSeatsReader(seatsLeft, registrationCounts);
  // Cancelling an event cancels its registrations and tells the people registered.
  plugEventCancelled(cancelRegistrationsOfEvent);
  plugDatesChanged(registrationsFollowDates);
  const perIpLimit = deps.config.registrationRateLimit ?? 20;
  const limiter =
    perIpLimit > 0
      ? createRateLimiter({
          db: deps.db,
          name: 'registrations',
          limit: perIpLimit,
          windowMs: RATE_WINDOW_MS,
          clock: deps.clock,
        })
      : null;

  r.post(
    '/api/events/:id/registrations',
    {
      schema: {
        tags,
        summary:
          'Register to one date of an event (`occurrence`, required for a recurring event): a confirmed seat while ' +
          'that date has seats, else its waiting list (first come, first served). ' +
          'Registering again with the same email returns the existing registration (200). A filled `website` ' +
          '(honeypot) gets an answer that looks like a success but nothing is stored.',
        params: eventParams,
        body: registrationBody,
        response: {
          200: registrationAnswer,
          201: registrationAnswer,
          202: z.object({ status: z.literal('confirmation-sent') }),
        },
      },
    },
    async (req, reply) => {
      if (limiter && !(await limiter.hit(req.ip)).allowed) {
        throw new AppError('RATE_LIMITED', 'Trop d’inscriptions depuis cette adresse : réessayez plus tard.');
      }
      const result = await registerForEvent(deps, req.actor, req.params.id, req.body, {
        proof: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
      });
      if (result.status === 'confirmation-sent') return reply.status(202).send({ status: result.status });
      const { existing, ...body } = result;
      return reply.status(existing ? 200 : 201).send(body);
    },
  );

  r.post(
    '/api/registration-confirmations',
    {
      schema: {
        tags,
        summary:
          'Confirm a members-only sign-up from the link mailed to a member’s address (the token of that link); registers as asked',
        body: z.strictObject({ token: z.string().min(1, 'lien de confirmation manquant').max(4000) }),
        response: { 200: registrationAnswer, 201: registrationAnswer },
      },
    },
    async (req, reply) => {
      if (limiter && !(await limiter.hit(req.ip)).allowed) {
        throw new AppError('RATE_LIMITED', 'Trop d’inscriptions depuis cette adresse : réessayez plus tard.');
      }
      const { existing, ...body } = await confirmMemberSignUp(deps, req.body.token);
      return reply.status(existing ? 200 : 201).send(body);
    },
  );

  r.get(
    '/api/events/:id/registrations/summary',
    {
      schema: {
        tags,
        summary: 'Whether registration is open, seats left and waiting-list length (public)',
        params: eventParams,
        response: {
          200: z.object({
            eventId: z.string(),
            registrationMode: z.string(),
            registrationUrl: z.string().nullable(),
            open: z.boolean(),
            reason: z.string().optional(),
            capacity: z.number().nullable(),
            recurring: z.boolean(),
            /** Registration for the network's current members only. */
            membersOnly: z.boolean(),
            /** Of the first date offered (a one-off event's only date). */
            confirmed: z.number(),
            waitlisted: z.number(),
            seatsLeft: z.number().nullable(),
            /** The dates one can register for (a recurring event: the next few), with their figures. */
            occurrences: z.array(
              z.object({
                startsAt: z.date(),
                endsAt: z.date(),
                confirmed: z.number(),
                waitlisted: z.number(),
                seatsLeft: z.number().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => registrationSummary(deps, req.actor, req.params.id),
  );

  r.get(
    '/api/registrations/ticket/:token',
    {
      schema: {
        tags,
        summary:
          'A registration by its personal token (ticket page): status, event, check-in code when confirmed',
        params: tokenParams,
        response: {
          200: z.object({
            id: z.string(),
            status: z.string(),
            /** For a cancelled registration: `registrant` (the person), `event_cancelled` (the event was) or `date_removed` (an edit removed its date). */
            cancelReason: z.string().nullable(),
            position: z.number().optional(),
            name: z.string(),
            email: z.string(),
            organization: z.string().nullable(),
            checkedInAt: z.date().nullable(),
            checkinToken: z.string().nullable(),
            /** The date registered for (of a recurring event: that occurrence). */
            occurrence: z.object({ startsAt: z.date(), endsAt: z.date() }),
            event: ticketEvent,
          }),
        },
      },
    },
    async (req) => {
      const { row, position } = await getRegistrationByToken(deps, req.params.token);
      const event = await loadEvent(deps.db, row.eventId);
      return {
        id: row.id,
        status: row.status,
        cancelReason: row.status === 'cancelled' ? (row.cancelReason ?? 'registrant') : null,
        ...(position !== undefined ? { position } : {}),
        name: row.name,
        email: row.email,
        organization: row.organization,
        checkedInAt: row.checkedInAt,
        checkinToken: row.status === 'confirmed' ? signCheckinToken(deps.config.sessionSecret, row.id) : null,
        occurrence: {
          startsAt: row.occurrenceStartsAt,
          endsAt: new Date(
            row.occurrenceStartsAt.getTime() + (event.endsAt.getTime() - event.startsAt.getTime()),
          ),
        },
        event: {
          id: event.id,
          title: event.title,
          startsAt: event.startsAt,
          endsAt: event.endsAt,
          timezone: event.timezone,
          venueName: event.venueName,
          venueAddress: event.venueAddress,
          communeName: event.communeName,
          onlineUrl: event.onlineUrl,
          status: event.status,
        },
      };
    },
  );

  r.get(
    '/api/registrations/ticket/:token/qr.svg',
    {
      schema: {
        tags,
        summary: 'The ticket’s QR code (SVG), encoding the signed check-in code',
        params: tokenParams,
      },
    },
    async (req, reply) => {
      const { row } = await getRegistrationByToken(deps, req.params.token);
      if (row.status !== 'confirmed') {
        throw new AppError('CONFLICT', 'Pas de billet : cette inscription n’est pas confirmée.');
      }
      const svg = await qrSvg(signCheckinToken(deps.config.sessionSecret, row.id));
      return reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(svg);
    },
  );

  r.post(
    '/api/registrations/ticket/:token/cancel',
    {
      schema: {
        tags,
        summary:
          'Cancel without an account; a freed seat goes to the first person on the waiting list. ' +
          '409 when the event itself was cancelled (the registration already is).',
        params: tokenParams,
        response: {
          200: z.object({ id: z.string(), status: z.literal('cancelled'), promoted: z.number() }),
        },
      },
    },
    async (req) => cancelRegistration(deps, req.params.token),
  );

  r.get(
    '/api/registrations/mine',
    {
      schema: {
        tags,
        summary:
          'The signed-in person’s own registrations (made with their account’s address): per event, the next date they are registered for',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                eventId: z.string(),
                title: z.string(),
                recurring: z.boolean(),
                occurrenceStartsAt: z.date(),
                occurrenceEndsAt: z.date(),
                status: z.enum(['confirmed', 'waitlisted']),
                communeName: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await listMyRegistrations(deps, req.actor) }),
  );

  r.get(
    '/api/registrations/overview',
    {
      schema: {
        tags,
        summary:
          'Events whose registrants the signed-in person manages (organisers: theirs; coordinators: all of their networks), with counts',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                title: z.string(),
                /** Of a recurring event: its next date (the counts are that date's). */
                startsAt: z.date(),
                recurring: z.boolean(),
                status: z.string(),
                capacity: z.number().nullable(),
                confirmed: z.number(),
                waitlisted: z.number(),
                cancelled: z.number(),
                checkedIn: z.number(),
                seatsLeft: z.number().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await registrationsOverview(deps, req.actor) }),
  );

  const statusFilter = z.enum(['confirmed', 'waitlisted', 'cancelled', 'checked_in']).optional();
  const registrant = z.object({
    id: z.string(),
    seq: z.number(),
    status: z.string(),
    position: z.number().optional(),
    name: z.string(),
    email: z.string(),
    organization: z.string().nullable(),
    accessibilityNeeds: z.string().nullable(),
    createdAt: z.date(),
    promotedAt: z.date().nullable(),
    cancelledAt: z.date().nullable(),
    cancelReason: z.string().nullable(),
    checkedInAt: z.date().nullable(),
    isDemo: z.boolean(),
  });
  r.get(
    '/api/events/:id/registrations',
    {
      schema: {
        tags,
        summary:
          'Registrants of one date of an event (`occurrence`, by default the next one; organisers of the event and coordinators of its network)',
        params: eventParams,
        querystring: z.object({
          q: z.string().max(100).optional(),
          status: statusFilter,
          occurrence: occurrenceField,
        }),
        response: {
          200: z.object({
            event: z.object({
              id: z.string(),
              title: z.string(),
              startsAt: z.date(),
              capacity: z.number().nullable(),
              recurring: z.boolean(),
            }),
            /** The date listed, and the dates one can pick (with their counts). */
            occurrence: z.date(),
            occurrences: z.array(
              z.object({
                startsAt: z.date(),
                confirmed: z.number(),
                waitlisted: z.number(),
                cancelled: z.number(),
                checkedIn: z.number(),
              }),
            ),
            counts: z.object({
              confirmed: z.number(),
              waitlisted: z.number(),
              cancelled: z.number(),
              checkedIn: z.number(),
            }),
            items: z.array(registrant),
          }),
        },
      },
    },
    async (req) => listRegistrants(deps.db, req.actor, req.params.id, req.query, deps.clock()),
  );

  for (const [path, build, what] of [
    ['/api/events/:id/registrations.csv', registrantsCsv, 'Registrants'],
    ['/api/events/:id/attendance.csv', attendanceCsv, 'Attendance (confirmed registrants, present or not)'],
  ] as const) {
    r.get(
      path,
      {
        schema: {
          tags,
          summary: `${what} of one date (\`occurrence\`, by default the next one) as CSV (UTF-8 BOM, ;)`,
          params: eventParams,
          querystring: z.object({ occurrence: occurrenceField }),
        },
      },
      async (req, reply) => {
        const { csv, filename } = await build(deps.db, req.actor, req.params.id, req.query.occurrence);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(csv);
      },
    );
  }

  const checkInAnswer = z.object({
    id: z.string(),
    name: z.string(),
    organization: z.string().nullable(),
    checkedInAt: z.date(),
    alreadyCheckedIn: z.boolean(),
  });
  r.post(
    '/api/events/:id/check-in',
    {
      schema: {
        tags,
        summary:
          'Mark a registrant present at one date (`occurrence`, by default the next one), by the QR code’s token or by registration id; a ticket for another date is refused',
        params: eventParams,
        body: z.union([
          z.strictObject({
            token: z.string().trim().min(1, 'code obligatoire').max(200),
            occurrence: occurrenceField,
          }),
          z.strictObject({ registrationId: z.uuid(), occurrence: occurrenceField }),
        ]),
        response: { 200: checkInAnswer },
      },
    },
    async (req) => checkIn(deps, req.actor, req.params.id, req.body),
  );
  r.delete(
    '/api/events/:id/check-in/:registrationId',
    {
      schema: {
        tags,
        summary: 'Undo a check-in',
        params: eventParams.extend({ registrationId: z.uuid() }),
        response: { 200: z.object({ id: z.string(), checkedInAt: z.null() }) },
      },
    },
    async (req) => undoCheckIn(deps, req.actor, req.params.id, req.params.registrationId),
  );
}
