// Small helpers for benchmarks: percentiles and a plain-text table.

/** The p-th percentile (0–100) of the values, nearest-rank method. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

/** A Markdown table (readable in a terminal, pasteable into the README). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const verdict = (value: number, target: number) =>
  `${value < target ? 'met' : 'MISSED'} (< ${target})`;

/** Deterministic pseudo-random integers (mulberry32), so that every run asks the same questions. */
export function rng(seed: number) {
  let a = seed;
  return (n: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Calls each one after the others (the first ten again as a warm-up before), then adds its line: n, p50, p95, p99, max, verdict on p95. */
export async function timed(
  label: string,
  calls: (() => Promise<unknown>)[],
  lines: string[][],
  target: number,
) {
  for (const call of calls.slice(0, 10)) await call();
  const times: number[] = [];
  for (const call of calls) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  const p95 = percentile(times, 95);
  lines.push([
    label,
    String(times.length),
    ms(percentile(times, 50)),
    ms(p95),
    ms(percentile(times, 99)),
    ms(Math.max(...times)),
    verdict(p95, target),
  ]);
  console.log(`  ${lines.at(-1)?.join(' | ')}`);
}
