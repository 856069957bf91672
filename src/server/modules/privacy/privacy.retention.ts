import { desc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { forbidden } from '../../lib/errors.ts';
import { startPeriodic } from '../../lib/periodic.ts';
import { coordinatedNetworkIds, requireSignedIn } from '../accounts/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { applyRetention as gtec } from '../gtec/gtec.privacy.ts';
import { applyRetention as newsletters } from '../newsletters/newsletters.privacy.ts';
import { applyRetention as registrations } from '../registrations/registrations.privacy.ts';
import { applyRetention as relations } from '../relations/relations.privacy.ts';
import { privacyRetentionRuns, privacyRetentionSettings } from './privacy.tables.ts';
import {
  defaultRetention,
  type ErasureCount,
  type PrivacyCtx,
  type RetentionFn,
  type RetentionSettings,
} from './privacy.types.ts';

// How long personal data is kept, platform-wide (one setting for every network: the platform is one controller's
// tool for now), and the daily run that applies it. Each module applies its own rule (`applyRetention` in its
// `<module>.privacy.ts`), in its own transaction. A run is claimed by the Paris day: of several processes, the one
// that inserts the day's row does the work; the others find it and skip.

const SCOPE = 'platform';
const parts: RetentionFn[] = [registrations, newsletters, relations, gtec];

export async function retentionSettings(ctx: PrivacyCtx): Promise<RetentionSettings> {
  const [row] = await ctx.db
    .select()
    .from(privacyRetentionSettings)
    .where(eq(privacyRetentionSettings.scope, SCOPE));
  return row
    ? {
        registrantsMonths: row.registrantsMonths,
        unconfirmedSubscriptionDays: row.unconfirmedSubscriptionDays,
        relationsInactiveMonths: row.relationsInactiveMonths,
        gtecAnswersMonths: row.gtecAnswersMonths,
      }
    : defaultRetention;
}

/** The settings page: the platform admin and the networks' coordinators read it; only the admin changes it. */
export async function retentionPage(deps: Pick<Deps, 'db'>, actor: Actor | null) {
  requireSignedIn(actor);
  const canEdit = !!actor?.isPlatformAdmin;
  if (!canEdit && (await coordinatedNetworkIds(deps.db, actor)).length === 0)
    throw forbidden('Réservé à l’administration de la plateforme et aux coordinateurs des réseaux');
  const [last] = await deps.db
    .select()
    .from(privacyRetentionRuns)
    .orderBy(desc(privacyRetentionRuns.day))
    .limit(1);
  return {
    settings: await retentionSettings(deps),
    defaults: defaultRetention,
    canEdit,
    lastRun: last ? { day: last.day, finishedAt: last.finishedAt, counts: last.counts ?? {} } : null,
  };
}

export async function updateRetention(deps: Pick<Deps, 'db'>, actor: Actor | null, input: RetentionSettings) {
  requireSignedIn(actor);
  if (!actor?.isPlatformAdmin) throw forbidden('Réservé à l’administration de la plateforme');
  const before = await retentionSettings(deps);
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(privacyRetentionSettings)
      .values({ scope: SCOPE, ...input, updatedBy: actor.accountId })
      .onConflictDoUpdate({
        target: privacyRetentionSettings.scope,
        set: { ...input, updatedAt: new Date(), updatedBy: actor.accountId },
      });
    await recordAudit(tx as never, actor, {
      action: 'privacy.retention-settings-update',
      entityType: 'privacy_retention',
      before,
      after: input,
    });
  });
  return retentionPage(deps, actor);
}

const parisDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);

/** The day's run, once whatever the processes: null when another run already claimed the day. */
export async function runRetention(deps: Pick<Deps, 'db' | 'clock'>) {
  const now = deps.clock();
  const day = parisDay(now);
  const [claimed] = await deps.db
    .insert(privacyRetentionRuns)
    .values({ day, startedAt: now })
    .onConflictDoNothing()
    .returning({ day: privacyRetentionRuns.day });
  if (!claimed) return null;
  const rules = await retentionSettings(deps);
  const done: ErasureCount[] = [];
  for (const part of parts) done.push(...(await deps.db.transaction((tx) => part({ db: tx }, rules, now))));
  const counts = Object.fromEntries(done.map((c) => [c.table, c.deleted + c.pseudonymised]));
  await deps.db
    .update(privacyRetentionRuns)
    .set({ finishedAt: deps.clock(), counts })
    .where(eq(privacyRetentionRuns.day, day));
  await recordAudit(deps.db, null, {
    action: 'privacy.retention-run',
    entityType: 'privacy_retention',
    entityId: day,
    after: { counts, sentences: done.map((c) => c.sentence), rules },
  });
  return { day, counts, sentences: done.map((c) => c.sentence) };
}

/** The schedule of a server process (started in main.ts): checked every hour, done once a Paris day. */
export function startRetentionSchedule(
  deps: Pick<Deps, 'db' | 'clock'> & { log: { error(obj: object, msg: string): void } },
  opts: { intervalMs: number },
) {
  return startPeriodic(() => runRetention(deps), {
    intervalMs: opts.intervalMs,
    firstAfterMs: 60_000,
    log: deps.log,
    what: 'privacy retention',
  });
}
