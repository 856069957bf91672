import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { csvUploadRoutes, errorBody, fileTooLarge, uploadedFile } from '../../lib/http.ts';
import { headcountTemplate, myAnswerCsv, uploadHeadcount } from './gtec.csv.ts';
import { AGE_BANDS, CONTRACTS, PULSE_INTENTIONS, PULSE_SCALE, SEXES } from './gtec.questionnaires.ts';
import { gtecReportRoutes } from './gtec.report.routes.ts';
import { myAnswer, myWaves, saveDraft, submitAnswer, withdrawAnswer } from './gtec.respondent.ts';
import {
  answerPatch,
  appellationQuery,
  csvReportOut,
  myAnswerOut,
  myWavesOut,
  networkParams,
  tokenQuery,
  vocabularyOut,
  waveInput,
  waveListOut,
  waveOut,
  waveParams,
} from './gtec.schemas.ts';
import { getWave, listWaves, openWave, sendReminders, waveAudience } from './gtec.waves.ts';
import { romeVersion, searchAppellations } from './rome.service.ts';

// Surveys (GTEC yearly, pulse): the ROME job-title search (public), the waves for a network's coordinators (who
// answered, never what), and the company's own answer (its link's token, or signed in as the company).

const tags = ['gtec'];
const UPLOAD_LIMIT = 2 * 1024 * 1024;

export function gtecRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  gtecReportRoutes(app, deps);

  r.get(
    '/api/rome/appellations',
    {
      schema: {
        tags,
        summary:
          'Search ROME job titles (appellations), accents, case and hyphens ignored; a ROME code lists its titles',
        querystring: appellationQuery,
        response: {
          200: z.object({
            version: z.string().nullable(),
            isExcerpt: z.boolean(),
            items: z.array(
              z.object({ code: z.string(), label: z.string(), romeCode: z.string(), romeLabel: z.string() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const [items, version] = await Promise.all([
        searchAppellations(deps.db, req.query.q, req.query.limit),
        romeVersion(deps.db),
      ]);
      return { version: version?.version ?? null, isExcerpt: version?.isExcerpt ?? false, items };
    },
  );
  r.get(
    '/api/gtec/vocabulary',
    {
      schema: {
        tags,
        summary: 'Age bands, sexes, contract types and pulse scales of the questionnaires',
        response: { 200: vocabularyOut },
      },
    },
    async () => ({
      ageBands: [...AGE_BANDS],
      sexes: [...SEXES],
      contracts: [...CONTRACTS],
      pulseScale: [...PULSE_SCALE],
      pulseIntentions: [...PULSE_INTENTIONS],
    }),
  );

  // The network's staff.
  r.get(
    '/api/networks/:id/gtec/waves',
    {
      schema: {
        tags,
        summary: 'The network’s survey waves with how many members were asked and answered (coordinators)',
        params: networkParams,
        response: { 200: waveListOut },
      },
    },
    async (req) => listWaves(deps, req.actor, req.params.id),
  );
  r.post(
    '/api/networks/:id/gtec/waves',
    {
      schema: {
        tags,
        summary:
          'Open a wave to all members in good standing or the chosen ones; each gets its personal link by mail',
        params: networkParams,
        body: waveInput,
        response: {
          201: z.object({
            id: z.string(),
            recipients: z.number(),
            mailed: z.number(),
            withoutAddress: z.number(),
          }),
        },
      },
    },
    async (req, reply) => reply.status(201).send(await openWave(deps, req.actor, req.params.id, req.body)),
  );
  r.get(
    '/api/networks/:id/gtec/members',
    {
      schema: {
        tags,
        summary:
          'The members in good standing a wave may be sent to, and whether each has a main contact’s address',
        params: networkParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({ memberId: z.string(), organizationName: z.string(), hasAddress: z.boolean() }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await waveAudience(deps.db, req.actor, req.params.id) }),
  );
  r.get(
    '/api/gtec/waves/:id',
    {
      schema: {
        tags,
        summary:
          'A wave for its coordinators: who was asked, who answered and when, reminders sent (never the answers)',
        params: waveParams,
        response: { 200: waveOut },
      },
    },
    async (req) => getWave(deps, req.actor, req.params.id),
  );
  r.post(
    '/api/gtec/waves/:id/reminders',
    {
      schema: {
        tags,
        summary: 'Remind the members who have not answered (once a day at most for each)',
        params: waveParams,
        response: { 200: z.object({ reminded: z.number() }) },
      },
    },
    async (req) => sendReminders(deps, req.actor, req.params.id),
  );

  // The company itself.
  r.get(
    '/api/gtec/my-waves',
    {
      schema: {
        tags,
        summary: 'The waves the signed-in account’s companies were asked to answer',
        response: { 200: myWavesOut },
      },
    },
    async (req) => ({ items: await myWaves(deps, req.actor) }),
  );
  r.get(
    '/api/gtec/waves/:id/response',
    {
      schema: {
        tags,
        summary:
          'The company’s own answers to a wave (its personal link’s token, or signed in as the company)',
        params: waveParams,
        querystring: tokenQuery,
        response: { 200: myAnswerOut },
      },
    },
    async (req) => myAnswer(deps, req.actor, req.params.id, req.query.token),
  );
  r.patch(
    '/api/gtec/waves/:id/response',
    {
      schema: {
        tags,
        summary: 'Save the draft as it is typed: the sections given replace the stored ones',
        params: waveParams,
        querystring: tokenQuery,
        body: answerPatch,
        response: { 200: z.object({ status: z.literal('draft'), savedAt: z.date() }) },
      },
    },
    async (req) => saveDraft(deps, req.actor, req.params.id, req.query.token, req.body),
  );
  r.post(
    '/api/gtec/waves/:id/response/submit',
    {
      schema: {
        tags,
        summary: 'Submit the answers (checked: counts, ROME codes, retirements within the headcount)',
        params: waveParams,
        querystring: tokenQuery,
        response: { 200: z.object({ status: z.literal('submitted'), submittedAt: z.date().nullable() }) },
      },
    },
    async (req) => submitAnswer(deps, req.actor, req.params.id, req.query.token),
  );
  r.post(
    '/api/gtec/waves/:id/response/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw the answers until the wave closes (the figures are erased)',
        params: waveParams,
        querystring: tokenQuery,
        response: { 200: z.object({ status: z.literal('withdrawn') }) },
      },
    },
    async (req) => withdrawAnswer(deps, req.actor, req.params.id, req.query.token),
  );
  r.get(
    '/api/gtec/waves/:id/response.csv',
    {
      schema: {
        tags,
        summary: 'The company’s own answers as CSV for French Excel',
        params: waveParams,
        querystring: tokenQuery,
      },
    },
    async (req, reply) => {
      const { csv, filename } = await myAnswerCsv(deps, req.actor, req.params.id, req.query.token);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
  r.get(
    '/api/gtec/headcount-template.csv',
    {
      schema: {
        tags,
        summary: 'Template of the headcount upload: code_rome, tranche_age, sexe, contrat, effectif',
      },
    },
    async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="modele-effectifs-gtec.csv"')
        .send(headcountTemplate()),
  );

  csvUploadRoutes(app, UPLOAD_LIMIT, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/gtec/waves/:id/response/headcount',
      {
        bodyLimit: UPLOAD_LIMIT,
        errorHandler: fileTooLarge('2 Mo'),
        schema: {
          tags,
          summary:
            'Upload the headcount as CSV (code_rome, tranche_age, sexe, contrat, effectif): good lines replace the draft’s, bad ones are listed',
          params: waveParams,
          querystring: tokenQuery,
          response: { 200: csvReportOut, 413: errorBody },
        },
      },
      async (req) => uploadHeadcount(deps, req.actor, req.params.id, req.query.token, uploadedFile(req.body)),
    );
  });
}
