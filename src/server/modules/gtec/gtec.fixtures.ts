import { eq } from 'drizzle-orm';
import { systemActor } from '../../context.ts';
import type { TestContext } from '../../testing.ts';
import { outbox } from '../mail/mail.tables.ts';
import { buildClub, buildMember, caller } from '../networking/networking.fixtures.ts';
import { importRomeExcerpt } from './rome.import.ts';

// Test helpers of the surveys: a club whose members are paid up, each with a main contact signed in, the ROME
// excerpt imported, and the personal answer links read from the outbox as a member would from their mail.

export type Club = Awaited<ReturnType<typeof buildClub>>;
export type SurveyMember = Awaited<ReturnType<typeof buildMember>>;

export async function buildSurveyClub(
  ctx: TestContext,
  names: (string | { name: string; communeCode: string })[],
) {
  await importRomeExcerpt(ctx.deps, systemActor);
  const club = await buildClub(ctx);
  const members: SurveyMember[] = [];
  for (const n of names)
    members.push(
      await buildMember(ctx, club, { ...(typeof n === 'string' ? { name: n } : n), nafSection: 'C' }),
    );
  return { club, members };
}

/** The token of the last survey link mailed to `email` (the `jeton` of its address). */
export async function linkTokenFor(
  ctx: TestContext,
  email: string,
): Promise<{ waveId: string; token: string }> {
  const mails = await ctx.db.select().from(outbox).where(eq(outbox.to, email.toLowerCase()));
  const text = mails.at(-1)?.text ?? '';
  const m = /\/gtec\/vagues\/([0-9a-f-]{36})\/repondre\?jeton=([^\s]+)/.exec(text);
  if (!m) throw new Error(`no survey link mailed to ${email}`);
  return { waveId: m[1], token: decodeURIComponent(m[2]) };
}

export const waveBody = (extra: Record<string, unknown> = {}) => ({
  kind: 'gtec',
  title: 'GTEC 2026',
  opensOn: '2026-03-01',
  closesOn: '2026-04-30',
  ...extra,
});

export { caller };
