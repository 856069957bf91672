import { describe, expect, it } from 'vitest';
import { progressDisplay } from './progress.ts';

/** French number formatting uses narrow no-break spaces: compare with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** A terminal: applies the cursor-up-and-clear sequences the display writes, so the test reads the screen. */
function fakeTerminal(columns: number) {
  const lines: string[] = [];
  let partial = '';
  return {
    isTTY: true,
    columns,
    write(text: string) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequences are what is parsed here
      for (const part of text.split(/(\x1b\[\d+F\x1b\[0J)/)) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: idem
        const up = /^\x1b\[(\d+)F\x1b\[0J$/.exec(part);
        if (up) lines.splice(lines.length - Number(up[1]));
        else {
          const chunks = (partial + part).split('\n');
          partial = chunks.pop()!;
          lines.push(...chunks);
        }
      }
      return true;
    },
    screen: () => lines.map(plain),
  };
}

function fakeLog() {
  const lines: string[] = [];
  return {
    isTTY: false,
    write(text: string) {
      lines.push(...plain(text).split('\n').filter(Boolean));
      return true;
    },
    lines,
  };
}

describe('progress display on a terminal', () => {
  it('gives each running task its own line, redrawn in place, and leaves a summary line when it ends', () => {
    let now = 0;
    const term = fakeTerminal(120);
    const display = progressDisplay(term, () => now);
    display.update({ label: 'Lecture', done: 0, total: 1000, estimated: true });
    display.update({ label: 'Écriture', done: 0, total: 500 });
    now = 2000;
    display.update({ label: 'Lecture', done: 500, total: 1000, estimated: true });
    expect(term.screen()).toHaveLength(2);
    expect(term.screen()[0]).toBe(
      'Lecture ██████████░░░░░░░░░░ 50 % · 500 / ≈ 1 000 lignes · 250 lignes/s · reste 0:02',
    );
    expect(term.screen()[1]).toMatch(/^Écriture ░{20} 0 % · 0 \/ 500 lignes$/);
    now = 4000;
    display.update({ label: 'Lecture', done: 1000, total: 1000, estimated: true });
    expect(term.screen()[0]).toBe('✓ Lecture : ≈ 1 000 lignes en 4,0 s (250 lignes/s)');
    expect(term.screen()[1]).toMatch(/^Écriture /);
    expect(term.screen()).toHaveLength(2);
    display.update({ label: 'Bascule', done: 0 });
    now = 4500;
    display.update({ label: 'Écriture', done: 500, total: 500 });
    display.update({ label: 'Bascule', done: 0, finished: true });
    display.end();
    expect(term.screen()).toEqual([
      '✓ Lecture : ≈ 1 000 lignes en 4,0 s (250 lignes/s)',
      '✓ Écriture : 500 lignes en 4,5 s (111 lignes/s)',
      '✓ Bascule (0,5 s)',
    ]);
  });

  it('cuts lines to the terminal width so that none wraps', () => {
    let now = 0;
    const term = fakeTerminal(40);
    const display = progressDisplay(term, () => now);
    display.update({ label: 'Écriture des unités légales et des agrégats', done: 10, total: 100 });
    now = 1500;
    display.update({ label: 'Écriture des unités légales et des agrégats', done: 20, total: 100 });
    expect(term.screen()).toHaveLength(1);
    expect(term.screen()[0].length).toBeLessThanOrEqual(39);
    expect(term.screen()[0].endsWith('…')).toBe(true);
    display.end();
  });

  it('marks the tasks still running as cut short when the command fails', () => {
    const term = fakeTerminal(100);
    const display = progressDisplay(term, () => 0);
    display.update({ label: 'Téléchargement', done: 3e6, total: 1e7, unit: 'bytes' });
    expect(term.screen()[0]).toBe('Téléchargement ██████░░░░░░░░░░░░░░ 30 % · 3,0 / 10,0 Mo');
    display.end(false);
    expect(term.screen()).toEqual(['✗ Téléchargement — interrompu : 3,0 Mo en 0,0 s']);
  });
});

describe('progress display without a terminal', () => {
  it('writes dated lines: at the start, every 5 seconds, at the end', () => {
    let now = Date.parse('2026-10-05T08:00:00Z');
    const log = fakeLog();
    const display = progressDisplay(log, () => now);
    display.update({ label: 'Lecture', done: 0, total: 100 });
    for (let i = 1; i < 10; i++) {
      now += 1000;
      display.update({ label: 'Lecture', done: i * 10, total: 100 });
    }
    now += 1000;
    display.update({ label: 'Lecture', done: 100, total: 100 });
    expect(log.lines).toEqual([
      '2026-10-05T08:00:00.000Z Lecture…',
      '2026-10-05T08:00:05.000Z Lecture ██████████░░░░░░░░░░ 50 % · 50 / 100 lignes · 10 lignes/s · reste 0:05',
      '2026-10-05T08:00:10.000Z ✓ Lecture : 100 lignes en 10 s (10 lignes/s)',
    ]);
  });
});
