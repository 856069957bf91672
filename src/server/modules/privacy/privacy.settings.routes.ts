import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import { processingRegister } from './privacy.register.ts';
import { retentionPage, updateRetention } from './privacy.retention.ts';

// The register of processing (public) and the retention settings (the platform admin changes them; coordinators
// read them).

const tags = ['privacy'];
const months = (what: string, max: number) =>
  z
    .number({ error: `${what} : un nombre entier de mois` })
    .int(`${what} : un nombre entier de mois`)
    .min(1, `${what} : au moins 1 mois`)
    .max(max, `${what} : au plus ${max} mois`);
const settings = z.strictObject({
  registrantsMonths: months('inscrits aux événements', 120),
  unconfirmedSubscriptionDays: z
    .number({ error: 'inscriptions non confirmées : un nombre entier de jours' })
    .int('inscriptions non confirmées : un nombre entier de jours')
    .min(1, 'inscriptions non confirmées : au moins 1 jour')
    .max(365, 'inscriptions non confirmées : au plus 365 jours'),
  relationsInactiveMonths: months('fichier des relations', 120),
  gtecAnswersMonths: months('réponses GTEC', 240).nullable(),
});
const line = z.object({
  name: z.string(),
  data: z.string(),
  purpose: z.string(),
  legalBasis: z.string(),
  retention: z.string(),
  audience: z.string(),
});
const page = z.object({
  settings,
  defaults: settings,
  canEdit: z.boolean(),
  lastRun: z
    .object({ day: z.string(), finishedAt: z.date().nullable(), counts: z.record(z.string(), z.number()) })
    .nullable(),
});

export function privacySettingsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/privacy/register',
    {
      schema: {
        tags,
        summary:
          'The register of processing: what the platform holds, why, on what basis, how long, who sees it',
        response: {
          200: z.object({
            retention: settings,
            activities: z.array(z.object({ id: z.string(), fr: line, en: line })),
          }),
        },
      },
    },
    async () => processingRegister(deps),
  );
  r.get(
    '/api/admin/privacy/retention',
    {
      schema: {
        tags,
        summary:
          'How long personal data is kept, platform-wide, and the last daily run (platform admin, coordinators)',
        response: { 200: page, 403: errorBody },
      },
    },
    async (req) => retentionPage(deps, req.actor),
  );
  r.put(
    '/api/admin/privacy/retention',
    {
      schema: {
        tags,
        summary: 'Changes how long personal data is kept (platform admin)',
        body: settings,
        response: { 200: page, 403: errorBody },
      },
    },
    async (req) => updateRetention(deps, req.actor, req.body),
  );
}
