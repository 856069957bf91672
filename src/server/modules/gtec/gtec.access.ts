import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { isCoordinatorOf, requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { gtecWaves } from './gtec.tables.ts';

// Who does what with the surveys. The network's coordinators (its staff) open waves, see who answered and send
// reminders; they never read answers. A company's answers are reached only through its personal link or by the
// company itself signed in (gtec.respondent.ts).

export type WaveRow = typeof gtecWaves.$inferSelect;
export type WaveStatus = 'scheduled' | 'open' | 'closed';

/** The network, if the actor is one of its coordinators (404 unknown network, 401/403 otherwise). */
export async function requireStaff(db: Db, actor: Actor | null, networkId: string) {
  const network = await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  return network;
}

export async function findWave(db: Db, waveId: string): Promise<WaveRow | undefined> {
  if (!isUuid(waveId)) return undefined;
  const [row] = await db.select().from(gtecWaves).where(eq(gtecWaves.id, waveId));
  return row;
}

/** A wave, for its network's coordinators; anyone else gets a 404 (its existence is not told either). */
export async function requireWaveStaff(db: Db, actor: Actor | null, waveId: string): Promise<WaveRow> {
  const wave = await findWave(db, waveId);
  if (!wave || !(await isCoordinatorOf(db, actor, wave.networkId)))
    throw notFound('Vague d’enquête introuvable');
  return wave;
}

/** Before its first day, between its days (both included), after its last day: Paris days. */
export function waveStatus(wave: Pick<WaveRow, 'opensOn' | 'closesOn'>, today: string): WaveStatus {
  if (today < wave.opensOn) return 'scheduled';
  return today > wave.closesOn ? 'closed' : 'open';
}

const signature = (secret: string, recipientId: string) =>
  createHmac('sha256', `gtec-answer:${secret}`).update(recipientId).digest('base64url').slice(0, 32);

/** A recipient's personal answer link token: its id signed with the server secret (no account needed). */
export const answerToken = (secret: string, recipientId: string) =>
  `${recipientId}.${signature(secret, recipientId)}`;

/** The recipient id of a well-signed token, else null (tampered, truncated, or not a token). */
export function verifyAnswerToken(secret: string, token: string): string | null {
  const [id, sig, extra] = token.split('.');
  if (!id || !sig || extra !== undefined || !isUuid(id)) return null;
  const a = Buffer.from(sig);
  const b = Buffer.from(signature(secret, id));
  return a.length === b.length && timingSafeEqual(a, b) ? id : null;
}
