// Progress of a long command (the Sirene import) on a terminal or in a log. Several tasks run at once (the legal
// units are read while the establishments are written), so each task has its own line, redrawn in place, and is
// printed once more, for good, when it ends. Lines are cut to the terminal's width: a wrapped line would break the
// redrawing. Without a terminal (CI, cron, a log file), plain dated lines: one when a task starts, one every few
// seconds while it runs, one when it ends.

import type { TaskProgress } from '../server/lib/progress.ts';

type Out = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };

type Task = { p: TaskProgress; started: number; ended?: number; logged: number };

const spinner = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const int = (n: number) => Math.round(n).toLocaleString('fr-FR');
const dec = (n: number) => n.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function amount(n: number, unit: TaskProgress['unit']) {
  return unit === 'bytes' ? `${dec(n / 1e6)} Mo` : `${int(n)} ${n >= 2 ? 'lignes' : 'ligne'}`;
}

function clock(seconds: number) {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function seconds(ms: number) {
  if (ms < 10_000) return `${dec(ms / 1000)} s`;
  return ms < 60_000 ? `${int(ms / 1000)} s` : clock(ms / 1000);
}

/**
 * The line of a running task: bar, done / total, rate and time left once there is a rate to speak of; a step has a
 * spinner (`tick`, on a terminal) and its elapsed time.
 */
function runningLine(t: Task, now: number, tick?: number) {
  const { p } = t;
  const elapsed = now - t.started;
  if (p.total === undefined || p.total <= 0) {
    const count = p.done > 0 ? ` · ${amount(p.done, p.unit)}` : '';
    const spin = tick === undefined ? '' : `${spinner[tick % spinner.length]} `;
    return `${spin}${p.label}${count} · ${seconds(elapsed)}`;
  }
  const fraction = Math.min(1, p.done / p.total);
  const width = 20;
  const filled = Math.round(fraction * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const rate = elapsed >= 1000 && p.done > 0 ? (p.done * 1000) / elapsed : 0;
  const perSecond = rate ? ` · ${amount(rate, p.unit)}/s · reste ${clock((p.total - p.done) / rate)}` : '';
  const total = `${p.estimated ? '≈ ' : ''}${amount(p.total, p.unit)}`;
  return `${p.label} ${bar} ${Math.floor(fraction * 100)} % · ${p.unit === 'bytes' ? dec(p.done / 1e6) : int(p.done)} / ${total}${perSecond}`;
}

/** The line left on screen when a task has ended (or was cut short). */
function endedLine(t: Task, ok = true) {
  const { p } = t;
  const elapsed = (t.ended ?? t.started) - t.started;
  const mark = ok ? '✓' : '✗';
  const count = p.done > 0 || p.total ? amount(p.done, p.unit) : '';
  const rate = count && elapsed >= 200 ? ` (${amount((p.done * 1000) / elapsed, p.unit)}/s)` : '';
  const what = count
    ? ` : ${p.estimated ? '≈ ' : ''}${count} en ${seconds(elapsed)}${rate}`
    : ` (${seconds(elapsed)})`;
  return `${mark} ${p.label}${ok ? '' : ' — interrompu'}${what}`;
}

/** The display: `update` with each task's progress (tasks are told apart by label), `end` when the command ends. */
export function progressDisplay(out: Out = process.stderr, now: () => number = Date.now) {
  const tty = Boolean(out.isTTY);
  const tasks = new Map<string, Task>();
  let drawn = 0; // lines of the live region currently on screen
  let tick = 0;
  let lastDraw = 0;
  let timer: NodeJS.Timeout | undefined;
  const toWidth = (line: string) => {
    const width = Math.max(20, (out.columns ?? 80) - 1);
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  };
  const log = (line: string) => out.write(`${new Date(now()).toISOString()} ${line}\n`);

  function redraw(settled: Task[] = [], ok = true) {
    let text = drawn ? `\x1b[${drawn}F\x1b[0J` : '';
    for (const t of settled) text += `${toWidth(endedLine(t, ok))}\n`;
    const live = [...tasks.values()].filter((t) => t.ended === undefined);
    for (const t of live) text += `${toWidth(runningLine(t, now(), tick))}\n`;
    drawn = live.length;
    lastDraw = now();
    if (text) out.write(text);
  }

  function finish(t: Task, ok = true) {
    t.ended = now();
    if (tty) redraw([t], ok);
    else log(endedLine(t, ok));
  }

  return {
    update(p: TaskProgress) {
      let t = tasks.get(p.label);
      if (t?.ended !== undefined) return;
      const started = !t;
      if (!t) {
        t = { p, started: now(), logged: now() };
        tasks.set(p.label, t);
        if (!tty) log(`${p.label}…`);
      }
      t.p = p;
      if (p.finished || (p.total !== undefined && p.total > 0 && p.done >= p.total)) return finish(t);
      if (tty) {
        if (!timer) {
          timer = setInterval(() => {
            tick++;
            redraw();
          }, 250);
          timer.unref();
        }
        if (started || now() - lastDraw >= 100) redraw();
      } else if (now() - t.logged >= 5000) {
        t.logged = now();
        log(runningLine(t, now()));
      }
    },
    /** Ends every task still running: as done, or as cut short when the command failed. */
    end(ok = true) {
      if (timer) clearInterval(timer);
      timer = undefined;
      for (const t of tasks.values()) if (t.ended === undefined) finish(t, ok);
    },
  };
}
