import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import {
  eventMessagesOverview,
  previewMessage,
  sendMessage,
  setFeedbackSettings,
} from './registrations.messages.ts';

// Organisers' messages to their registrants, and the day-after feedback mail's settings (same rights as the list
// of registrants: the event's organisers and its network's coordinators).

const tags = ['registrations'];
const eventParams = z.object({ id: z.uuid('identifiant d’événement invalide') });
const messageBody = z
  .strictObject({
    toConfirmed: z.boolean('destinataires : cochez ou décochez « inscrits confirmés »'),
    toWaitlisted: z.boolean('destinataires : cochez ou décochez « liste d’attente »'),
    subject: z
      .string('objet : texte attendu')
      .trim()
      .min(1, 'objet obligatoire')
      .max(150, 'objet trop long : 150 caractères au plus')
      .refine((s) => !/[\r\n]/.test(s), 'objet sur une seule ligne, sans retour à la ligne'),
    text: z
      .string('texte : texte attendu')
      .trim()
      .min(1, 'texte obligatoire')
      .max(5000, 'texte trop long : 5 000 caractères au plus'),
  })
  .refine((b) => b.toConfirmed || b.toWaitlisted, {
    path: ['toConfirmed'],
    message: 'destinataires : choisissez les inscrits confirmés, la liste d’attente, ou les deux',
  });
const sentMessage = z.object({
  id: z.string(),
  createdAt: z.date(),
  subject: z.string(),
  recipients: z.number(),
  sentByName: z.string(),
});
const feedback = z.object({ enabled: z.boolean(), question: z.string(), url: z.string().nullable() });
const feedbackBody = z
  .strictObject({
    enabled: z.boolean('envoi du message : cochez ou décochez la case'),
    question: z
      .string('question : texte attendu')
      .trim()
      .max(1000, 'question trop longue : 1 000 caractères au plus'),
    url: z
      .url({ protocol: /^https?$/, error: 'lien : adresse web attendue (https://…)' })
      .max(500, 'lien trop long : 500 caractères au plus')
      .nullish()
      .transform((u) => u ?? null),
  })
  .refine((b) => !b.enabled || b.question.length > 0, {
    path: ['question'],
    message: 'question obligatoire pour envoyer le message',
  });

export function registrationMessagesRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/events/:id/messages',
    {
      schema: {
        tags,
        summary:
          'Messages sent to the registrants, how many people each audience reaches, messages left today, and the feedback mail settings',
        params: eventParams,
        response: {
          200: z.object({
            eventId: z.string(),
            counts: z.object({ confirmed: z.number(), waitlisted: z.number() }),
            remainingToday: z.number(),
            items: z.array(sentMessage),
            feedback,
          }),
        },
      },
    },
    async (req) => eventMessagesOverview(deps, req.actor, req.params.id),
  );

  r.post(
    '/api/events/:id/messages/preview',
    {
      schema: {
        tags,
        summary: 'The mail as a registrant will read it (a made-up person), and how many people will get it',
        params: eventParams,
        body: messageBody,
        response: { 200: z.object({ recipients: z.number(), subject: z.string(), text: z.string() }) },
      },
    },
    async (req) => previewMessage(deps, req.actor, req.params.id, req.body),
  );

  r.post(
    '/api/events/:id/messages',
    {
      schema: {
        tags,
        summary:
          'Write to the registrants (confirmed, waiting list or both): one mail each through the outbox; 10 messages per event per 24 hours (429 beyond)',
        params: eventParams,
        body: messageBody,
        response: { 201: sentMessage },
      },
    },
    async (req, reply) => reply.status(201).send(await sendMessage(deps, req.actor, req.params.id, req.body)),
  );

  r.put(
    '/api/events/:id/feedback-mail',
    {
      schema: {
        tags,
        summary:
          'Turn on or off the “Qu’en avez-vous pensé ?” mail, sent the day after the event to the people checked in (or confirmed)',
        params: eventParams,
        body: feedbackBody,
        response: { 200: feedback },
      },
    },
    async (req) => setFeedbackSettings(deps, req.actor, req.params.id, req.body),
  );
}
