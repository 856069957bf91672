/**
 * Dates as French writes them: the first of a month is "1er" ("1er avril", "mardi 1er avril 2026"), every other
 * day a plain number; in English, Intl's own output. One formatter for every page (`formatDate(d, 'fr-FR', opts)`).
 */
export function formatDate(date: Date | string, intl: string, options: Intl.DateTimeFormatOptions): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  const format = new Intl.DateTimeFormat(intl, options);
  if (!intl.startsWith('fr') || (options.day !== 'numeric' && !options.dateStyle)) return format.format(d);
  return format
    .formatToParts(d)
    .map((p) => (p.type === 'day' && (p.value === '1' || p.value === '01') ? '1er' : p.value))
    .join('');
}

/** Today's date in Paris as YYYY-MM-DD (the network's day; UTC's is still yesterday from midnight to 1 or 2 am). */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}
