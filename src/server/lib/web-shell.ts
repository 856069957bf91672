import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const webDistDir = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * JSON inside <script>: `<`, `>` and `&` are escaped (so that no `</script` or `<!--` in the data can close or
 * change the tag), and U+2028/U+2029 too (line ends in JavaScript). The JSON stays equal to the value.
 */
export const jsonForScript = (value: unknown) =>
  JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

// Read once per build: the file's mtime tells when `vite build` has replaced it under a running server.
let cached: { mtimeMs: number; html: string } | undefined;
function template(): string {
  const file = `${webDistDir}/index.html`;
  if (!existsSync(file)) {
    return '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Maillage</title></head><body><div id="root"></div></body></html>';
  }
  const { mtimeMs } = statSync(file);
  if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, html: readFileSync(file, 'utf8') };
  return cached.html;
}

/**
 * The web app's index.html with server-rendered head tags (title, description, OpenGraph, JSON-LD) and a readable
 * body for crawlers and visitors without JavaScript; the React app replaces the body when it starts.
 */
export function renderShell(page: {
  title: string;
  description?: string;
  head?: string;
  body?: string;
}): string {
  const head = [
    `<title>${escapeHtml(page.title)}</title>`,
    page.description ? `<meta name="description" content="${escapeHtml(page.description)}">` : '',
    page.head ?? '',
  ].join('\n');
  // Function replacers: a string replacement would read `$&`, `$'` or `$\`` in a name as patterns (the whole
  // document pasted again, a script closed early).
  return template()
    .replace(/<title>[^<]*<\/title>/, () => head)
    .replace('<div id="root"></div>', () => `<div id="root">${page.body ?? ''}</div>`);
}
