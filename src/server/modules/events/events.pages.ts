import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { escapeHtml, jsonForScript, renderShell } from '../../lib/web-shell.ts';
import { markdownToText } from './events.markdown.ts';
import { frenchDate, frenchTime } from './events.programme.ts';
import { getEventDetail } from './events.read.ts';
import { formatLabel } from './events.reference.ts';
import type { EventDetail } from './events.schemas.ts';

// Server-rendered heads of event pages: OpenGraph and schema.org Event JSON-LD, and a readable body for
// crawlers and visitors without JavaScript (the React app takes over when it starts).

function jsonLd(e: EventDetail, url: string, publicUrl: string) {
  const next = e.upcomingOccurrences[0] ?? { startsAt: e.firstStartsAt, endsAt: e.firstEndsAt };
  const place = e.communeName
    ? {
        '@type': 'Place',
        name: e.venueName ?? e.communeName,
        address: {
          '@type': 'PostalAddress',
          streetAddress: e.venueAddress ?? undefined,
          postalCode: e.postalCode ?? undefined,
          addressLocality: e.communeName,
          addressCountry: 'FR',
        },
        ...(e.latitude !== null
          ? { geo: { '@type': 'GeoCoordinates', latitude: e.latitude, longitude: e.longitude } }
          : {}),
      }
    : undefined;
  const online = e.onlineUrl ? { '@type': 'VirtualLocation', url: e.onlineUrl } : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: e.title,
    description: e.summary ?? markdownToText(e.description).slice(0, 500),
    startDate: next.startsAt,
    endDate: next.endsAt,
    eventStatus:
      e.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode:
      place && online
        ? 'https://schema.org/MixedEventAttendanceMode'
        : online
          ? 'https://schema.org/OnlineEventAttendanceMode'
          : 'https://schema.org/OfflineEventAttendanceMode',
    location: place && online ? [place, online] : (place ?? online),
    organizer: e.organizers.map((o) => ({
      '@type': 'Organization',
      name: o.name,
      url: `${publicUrl}/annuaire/${o.id}`,
    })),
    isAccessibleForFree: e.isFree,
    ...(e.isFree ? {} : { offers: { '@type': 'Offer', description: e.priceText ?? undefined, url } }),
    ...(e.imageUrl ? { image: `${publicUrl}${e.imageUrl}` } : {}),
    url,
  };
}

export function eventsPagesRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/agenda/evenements/:id', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    let e: EventDetail;
    try {
      e = await getEventDetail(deps, null, id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // Unknown or not public: the web app shows the page (organisers see their drafts once signed in).
      return reply
        .status(err.code === 'NOT_FOUND' ? 404 : 200)
        .type('text/html; charset=utf-8')
        .send(renderShell({ title: 'Événement — Maillage' }));
    }
    const url = `${deps.config.publicUrl}/agenda/evenements/${e.id}`;
    const next = e.upcomingOccurrences[0] ?? { startsAt: e.firstStartsAt, endsAt: e.firstEndsAt };
    const endDay = frenchDate(next.endsAt);
    const when =
      endDay === frenchDate(next.startsAt)
        ? `${endDay}, ${frenchTime(next.startsAt)}–${frenchTime(next.endsAt)}`
        : `du ${frenchDate(next.startsAt)}, ${frenchTime(next.startsAt)} au ${endDay}, ${frenchTime(next.endsAt)}`;
    const where =
      [e.venueName, e.venueAddress, [e.postalCode, e.communeName].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ') || 'En ligne';
    const description = (e.summary ?? markdownToText(e.description)).slice(0, 300);
    const og = [
      ['og:type', 'event'],
      ['og:title', e.title],
      ['og:description', `${when} · ${where}. ${description}`],
      ['og:url', url],
      ['og:site_name', 'Maillage'],
      ['og:locale', 'fr_FR'],
      ...(e.imageUrl ? [['og:image', `${deps.config.publicUrl}${e.imageUrl}`]] : []),
    ];
    const head = [
      ...og.map(([p, c]) => `<meta property="${p}" content="${escapeHtml(c)}">`),
      '<meta name="twitter:card" content="summary">',
      `<link rel="canonical" href="${escapeHtml(url)}">`,
      `<link rel="alternate" type="text/calendar" href="/api/events/${e.id}.ics">`,
      `<script type="application/ld+json">${jsonForScript(jsonLd(e, url, deps.config.publicUrl))}</script>`,
    ].join('\n');
    const body = `<main><article><h1>${escapeHtml(e.title)}</h1>${e.status === 'cancelled' ? '<p><strong>Événement annulé</strong></p>' : ''}
<p>${escapeHtml(when)}</p><p>${escapeHtml(where)}</p><p>${escapeHtml(formatLabel.get(e.format) ?? e.format)} · ${escapeHtml(e.organizers.map((o) => o.name).join(', '))}</p>
${e.summary ? `<p>${escapeHtml(e.summary)}</p>` : ''}${e.descriptionHtml}
<p><a href="/api/events/${e.id}.ics">Ajouter à mon agenda (.ics)</a></p></article></main>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderShell({ title: `${e.title} — Maillage`, description, head, body }));
  });
}
