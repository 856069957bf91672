import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// A post's body is its staff's Markdown: rendered by marked, then sanitised (no script, iframe, style, event handler
// or javascript: link ever reaches a page, a feed or a newsletter).

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'ul',
    'ol',
    'li',
    'a',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'code',
    'pre',
    'hr',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  // The page's title is the post's h1: headings in the body start at h2.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener' }),
    h1: 'h2',
  },
};

/** Markdown → sanitised HTML. */
export function renderNewsMarkdown(markdown: string): string {
  if (!markdown) return '';
  return sanitizeHtml(marked.parse(markdown, { async: false, gfm: true }), allowed);
}

/** Markdown → plain text (meta descriptions, feeds' summaries, the newsletter's text part). */
export function newsMarkdownToText(markdown: string): string {
  const html = renderNewsMarkdown(markdown)
    .replace(/<\/(p|li|h2|h3|h4|blockquote|pre)>/g, '\n')
    .replace(/<br\s*\/?>/g, '\n');
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
