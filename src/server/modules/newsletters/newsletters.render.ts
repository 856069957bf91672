// @ts-expect-error mjml ships no types; its default export is an async (mjml, options) → { html, errors }.
import mjml2html from 'mjml';
import { escapeHtml } from '../../lib/web-shell.ts';
import { markdownToText, renderMarkdown } from '../events/events.markdown.ts';
import type { UpcomingEvent } from '../events/events.upcoming.ts';

// An issue's body, from the staff's Markdown (sanitised like event descriptions) and the agenda block, to
// responsive HTML through MJML, plus its plain-text part. Rendered once per issue; each recipient's links are
// placeholders the sender fills in (newsletters.send.mail.ts).

/** Stand-ins for each recipient's own links, replaced at send. */
export const PLACEHOLDERS = {
  unsubscribe: '%%UNSUBSCRIBE_URL%%',
  preferences: '%%PREFERENCES_URL%%',
} as const;

/** A line of the body holding only this is replaced by the network's coming events. */
export const EVENTS_BLOCK = '{{evenements}}';
/** A line of the body holding only this is replaced by the network's latest published news. */
export const NEWS_BLOCK = '{{actualites}}';

/** A news post as the news block shows it (absolute links: they go into mails). */
export type NewsItem = { title: string; summary: string; url: string; publishedAt: string };

export type RenderInput = {
  subject: string;
  preheader?: string | null;
  bodyMarkdown: string;
  networkName: string;
  events: UpcomingEvent[];
  news: NewsItem[];
  /** The public web view of the issue, once sent. */
  webUrl?: string | null;
};

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

/** « jeudi 5 novembre à 18:30 » in Paris time. */
export const eventDate = (d: Date) =>
  dateFormat
    .format(d)
    .replace(' ', ' ')
    .replace(/ (\d\d:\d\d)$/, ' à $1');

const place = (e: UpcomingEvent) => [e.venueName, e.communeName].filter(Boolean).join(', ');

const FONT = 'font-family="Helvetica, Arial, sans-serif"';

function eventsMjml(list: UpcomingEvent[]) {
  if (list.length === 0)
    return `<mj-section><mj-column><mj-text ${FONT}><p>Aucun événement à venir pour l’instant.</p></mj-text></mj-column></mj-section>`;
  return list
    .map(
      (e) => `<mj-section padding="8px 0" border-left="4px solid #2f6f4e"><mj-column>
<mj-text ${FONT} font-size="17px" font-weight="bold"><a href="${escapeHtml(e.url)}" style="color:#1d4d35">${escapeHtml(e.title)}</a></mj-text>
<mj-text ${FONT} color="#444444">${escapeHtml(eventDate(e.startsAt))}${place(e) ? ` · ${escapeHtml(place(e))}` : ''}</mj-text>
${e.summary ? `<mj-text ${FONT}>${escapeHtml(e.summary)}</mj-text>` : ''}
</mj-column></mj-section>`,
    )
    .join('\n');
}

function eventsText(list: UpcomingEvent[]) {
  if (list.length === 0) return 'Aucun événement à venir pour l’instant.';
  return list
    .map((e) =>
      [`* ${e.title}`, `  ${eventDate(e.startsAt)}${place(e) ? ` · ${place(e)}` : ''}`, `  ${e.url}`].join(
        '\n',
      ),
    )
    .join('\n\n');
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const newsDate = (iso: string) => dayFormat.format(new Date(iso));

function newsMjml(list: NewsItem[]) {
  if (list.length === 0)
    return `<mj-section><mj-column><mj-text ${FONT}><p>Aucune actualité publiée pour l’instant.</p></mj-text></mj-column></mj-section>`;
  return list
    .map(
      (n) => `<mj-section padding="8px 0" border-left="4px solid #8a5a00"><mj-column>
<mj-text ${FONT} font-size="17px" font-weight="bold"><a href="${escapeHtml(n.url)}" style="color:#5c3d00">${escapeHtml(n.title)}</a></mj-text>
<mj-text ${FONT} color="#444444">${escapeHtml(newsDate(n.publishedAt))}</mj-text>
${n.summary ? `<mj-text ${FONT}>${escapeHtml(n.summary)}</mj-text>` : ''}
</mj-column></mj-section>`,
    )
    .join('\n');
}

function newsText(list: NewsItem[]) {
  if (list.length === 0) return 'Aucune actualité publiée pour l’instant.';
  return list
    .map((n) => [`* ${n.title}`, `  ${newsDate(n.publishedAt)}`, `  ${n.url}`].join('\n'))
    .join('\n\n');
}

type Part = { md: string } | { block: 'events' | 'news' };

/** The body cut at the block lines (agenda, news): Markdown parts and block markers, in order. */
function parts(markdown: string): Part[] {
  const out: Part[] = [];
  let current: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const block = line.trim() === EVENTS_BLOCK ? 'events' : line.trim() === NEWS_BLOCK ? 'news' : null;
    if (block) {
      out.push({ md: current.join('\n') }, { block });
      current = [];
    } else current.push(line);
  }
  out.push({ md: current.join('\n') });
  return out.filter((p) => !('md' in p) || p.md.trim() !== '');
}

/** The issue's HTML (MJML, responsive) and plain text, with link placeholders. */
export async function renderIssue(input: RenderInput): Promise<{ html: string; text: string }> {
  const body = parts(input.bodyMarkdown);
  const sections = body
    .map((p) =>
      'block' in p
        ? p.block === 'events'
          ? eventsMjml(input.events)
          : newsMjml(input.news)
        : `<mj-section><mj-column><mj-text ${FONT} font-size="16px" line-height="1.5">${renderMarkdown(p.md)}</mj-text></mj-column></mj-section>`,
    )
    .join('\n');
  const web = input.webUrl
    ? `<mj-text ${FONT} align="center" font-size="12px"><a href="${escapeHtml(input.webUrl)}" style="color:#555555">Voir cette lettre dans le navigateur</a></mj-text>`
    : '';
  const mjml = `<mjml lang="fr"><mj-head><mj-title>${escapeHtml(input.subject)}</mj-title>
${input.preheader ? `<mj-preview>${escapeHtml(input.preheader)}</mj-preview>` : ''}
<mj-attributes><mj-all padding="6px 16px" /></mj-attributes></mj-head>
<mj-body background-color="#f4f4f4" width="600px">
<mj-section background-color="#2f6f4e"><mj-column>${web ? web.replace('color:#555555', 'color:#ffffff') : ''}
<mj-text ${FONT} color="#ffffff" font-size="22px" font-weight="bold">${escapeHtml(input.networkName)}</mj-text></mj-column></mj-section>
<mj-wrapper background-color="#ffffff" padding="12px 0">${sections}</mj-wrapper>
<mj-section><mj-column><mj-text ${FONT} font-size="12px" color="#555555" align="center">
Vous recevez cette lettre de ${escapeHtml(input.networkName)}.<br />
<a href="${PLACEHOLDERS.unsubscribe}" style="color:#555555">Se désinscrire</a> · <a href="${PLACEHOLDERS.preferences}" style="color:#555555">Gérer mes abonnements</a>
</mj-text></mj-column></mj-section>
</mj-body></mjml>`;
  const rendered = (await mjml2html(mjml, { validationLevel: 'soft', keepComments: false })) as {
    html: string;
  };
  const textParts = body.map((p) =>
    'block' in p
      ? p.block === 'events'
        ? eventsText(input.events)
        : newsText(input.news)
      : markdownToText(p.md),
  );
  const text = [
    input.networkName,
    '',
    ...textParts.flatMap((t) => [t.trim(), '']),
    '--',
    `Vous recevez cette lettre de ${input.networkName}.`,
    `Se désinscrire : ${PLACEHOLDERS.unsubscribe}`,
    `Gérer mes abonnements : ${PLACEHOLDERS.preferences}`,
    ...(input.webUrl ? [`Voir dans le navigateur : ${input.webUrl}`] : []),
  ].join('\n');
  return { html: rendered.html, text };
}
