import { and, gte, lte } from 'drizzle-orm';
import { type Deps, systemActor } from '../../context.ts';
import { startPeriodic } from '../../lib/periodic.ts';
import { addDays, daysBetween, parisToday } from '../memberships/memberships.rules.ts';
import { gtecWaves } from './gtec.tables.ts';
import { sendReminders } from './gtec.waves.ts';

// The scheduled reminders of the surveys: on set days before a wave closes, those who have not answered are
// reminded, each once for that day (the run key `auto:J-<days>` is claimed per recipient in the database, so a
// repeated pass, or two processes at once, send nothing twice).

/** Days before the close (its last day) on which the schedule reminds. */
export const SCHEDULED_REMINDER_DAYS = [7, 2];

type RunDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** One pass: the open waves closing in one of the reminder days get their reminder. Returns the mails sent. */
export async function runScheduledReminders(deps: RunDeps) {
  const today = parisToday(deps.clock());
  const max = Math.max(...SCHEDULED_REMINDER_DAYS);
  const waves = await deps.db
    .select({ id: gtecWaves.id, opensOn: gtecWaves.opensOn, closesOn: gtecWaves.closesOn })
    .from(gtecWaves)
    .where(
      and(
        lte(gtecWaves.opensOn, today),
        gte(gtecWaves.closesOn, today),
        lte(gtecWaves.closesOn, addDays(today, max)),
      ),
    );
  let reminded = 0;
  for (const w of waves) {
    const left = daysBetween(today, w.closesOn);
    if (!SCHEDULED_REMINDER_DAYS.includes(left)) continue;
    reminded += (await sendReminders(deps, systemActor, w.id, `auto:J-${left}`)).reminded;
  }
  return reminded;
}

export function startGtecReminderSchedule(deps: RunDeps & Pick<Deps, 'log'>, opts: { intervalMs: number }) {
  return startPeriodic(
    async () => {
      const n = await runScheduledReminders(deps);
      if (n) deps.log.info(`survey reminders: ${n} sent`);
    },
    { ...opts, firstAfterMs: 10_000, log: deps.log, what: 'survey reminders' },
  );
}
