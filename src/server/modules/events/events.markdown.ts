import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Event descriptions are organisers' Markdown: rendered to sanitised HTML on pages, to plain text in feeds.

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'blockquote', 'code', 'hr'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener', target: '_blank' }),
    h1: 'h3',
    h2: 'h3',
  },
};

// Rendering is pure and costly (marked + sanitize-html ≈ 1–2 ms per description): results are memoised by source,
// so that feeds of a few hundred events are not rebuilt from scratch each time.
const MEMO_MAX = 2_000;
const htmlMemo = new Map<string, string>();
const textMemo = new Map<string, string>();
function memo(map: Map<string, string>, key: string, compute: () => string): string {
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  if (map.size >= MEMO_MAX) map.clear();
  const value = compute();
  map.set(key, value);
  return value;
}

/** Markdown → sanitised HTML (no script, iframe, event handler or javascript: link). */
export function renderMarkdown(markdown: string | null | undefined): string {
  if (!markdown) return '';
  return memo(htmlMemo, markdown, () => renderUncached(markdown));
}

function renderUncached(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html, allowed);
}

/** Markdown → plain text (feeds, e-mails, meta descriptions): tags dropped, entities decoded, blank lines kept. */
export function markdownToText(markdown: string | null | undefined): string {
  if (!markdown) return '';
  return memo(textMemo, markdown, () => textUncached(markdown));
}

function textUncached(markdown: string): string {
  const html = renderMarkdown(markdown)
    .replace(/<\/(p|li|h3|h4|blockquote)>/g, '\n')
    .replace(/<br\s*\/?>/g, '\n');
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
