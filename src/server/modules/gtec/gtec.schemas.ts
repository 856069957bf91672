import { z } from 'zod';
import { dateField, oneLine, uuidField } from '../../lib/fields.ts';
import {
  AGE_BANDS,
  answerPatch,
  CONTRACTS,
  PULSE_INTENTIONS,
  PULSE_SCALE,
  SEXES,
} from './gtec.questionnaires.ts';

// Zod schemas of the surveys' API; every refusal names its field in French.

export const networkParams = z.object({ id: uuidField() });
export const waveParams = z.object({ id: uuidField() });
/** The personal link's token (`jeton` in the page's address), when the company answers without an account. */
export const tokenQuery = z.object({ token: z.string().trim().max(200, 'lien : trop long').optional() });

export const waveInput = z.strictObject({
  kind: z.enum(['gtec', 'pulse'], 'questionnaire : gtec (annuel) ou pulse (enquête flash)'),
  title: oneLine(z.string().trim().min(1, 'titre : obligatoire').max(200, 'titre : 200 caractères au plus')),
  opensOn: dateField(),
  closesOn: dateField(),
  memberIds: z.array(uuidField()).min(1, 'adhérents : choisissez-en au moins un').max(5000).optional(),
  rotatingQuestion: z.string().trim().max(500, 'question de la vague : 500 caractères au plus').nullish(),
});

const status = z.enum(['scheduled', 'open', 'closed']);
const kind = z.enum(['gtec', 'pulse']);

export const waveListOut = z.object({
  networkName: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind,
      version: z.number(),
      opensOn: z.string(),
      closesOn: z.string(),
      status,
      isDemo: z.boolean(),
      recipients: z.number(),
      answered: z.number(),
    }),
  ),
});

export const waveOut = z.object({
  id: z.string(),
  networkId: z.string(),
  title: z.string(),
  kind,
  questionnaireVersion: z.number(),
  questionnaireTitle: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  audience: z.string(),
  rotatingQuestion: z.string().nullable(),
  isDemo: z.boolean(),
  status,
  answered: z.number(),
  recipients: z.array(
    z.object({
      id: z.string(),
      memberId: z.string(),
      organizationName: z.string(),
      invitedEmail: z.string().nullable(),
      submittedAt: z.date().nullable(),
      remindersSent: z.number(),
      lastRemindedAt: z.date().nullable(),
    }),
  ),
});

export { answerPatch };

const answerData = z.record(z.string(), z.unknown());

export const myAnswerOut = z.object({
  wave: z.object({
    id: z.string(),
    title: z.string(),
    kind,
    questionnaireVersion: z.number(),
    opensOn: z.string(),
    closesOn: z.string(),
    rotatingQuestion: z.string().nullable(),
    status,
    isDemo: z.boolean(),
  }),
  organizationName: z.string(),
  answer: z
    .object({
      status: z.enum(['draft', 'submitted', 'withdrawn']),
      data: answerData,
      updatedAt: z.date(),
      submittedAt: z.date().nullable(),
    })
    .nullable(),
  romeLabels: z.record(z.string(), z.string()),
});

export const myWavesOut = z.object({
  items: z.array(
    z.object({
      waveId: z.string(),
      title: z.string(),
      opensOn: z.string(),
      closesOn: z.string(),
      organizationName: z.string(),
      status,
      answerStatus: z.enum(['none', 'draft', 'submitted', 'withdrawn']),
    }),
  ),
});

export const csvReportOut = z.object({
  lines: z.number(),
  kept: z.number(),
  bad: z.number(),
  errors: z.array(z.object({ line: z.number(), reason: z.string() })),
  saved: z.boolean(),
});

export const appellationQuery = z.object({
  q: z.string().trim().min(1, 'recherche : obligatoire').max(100, 'recherche : 100 caractères au plus'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** The vocabulary of the questionnaires, for the forms. */
export const vocabularyOut = z.object({
  ageBands: z.array(z.enum(AGE_BANDS)),
  sexes: z.array(z.enum(SEXES)),
  contracts: z.array(z.enum(CONTRACTS)),
  pulseScale: z.array(z.enum(PULSE_SCALE)),
  pulseIntentions: z.array(z.enum(PULSE_INTENTIONS)),
});
