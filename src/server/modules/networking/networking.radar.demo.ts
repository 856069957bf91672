import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DemoContext } from '../../../cli/demo/types.ts';
import { systemActor } from '../../context.ts';
import { events } from '../events/events.tables.ts';
import { memberContacts, members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { registrationCounters, registrations } from '../registrations/registrations.tables.ts';
import { hashToken, newManageToken } from '../registrations/registrations.tokens.ts';
import { isolationRadar } from './networking.radar.ts';
import { memberFollowups } from './networking.tables.ts';

// The radar's demo: the club's past events (a company visit, a forum) attended by most of its members' contacts, so
// that only a few members show no sign of life; a sponsor for each member who joined this year; the staff's next
// step for the quietest three. Deterministic (strides, no draw), labelled demo.

const DAY = 86_400_000;

const pastEvents = [
  {
    title: 'Visite de la fonderie Mathieu (démo)',
    format: 'visit',
    daysAgo: 75,
    stride: [0, 1, 2, 3, 4, 5, 6],
  },
  {
    title: 'Forum emploi-formation du club (démo)',
    format: 'fair',
    daysAgo: 140,
    stride: [5, 6, 7, 8, 9, 10],
  },
];

export async function seedRadarDemo(ctx: DemoContext) {
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  const club = ctx.networks.club.id;
  const current = await db
    .select({
      id: members.id,
      memberSince: members.memberSince,
      name: organizations.name,
      contactName: memberContacts.name,
      email: memberContacts.email,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .innerJoin(memberContacts, and(eq(memberContacts.memberId, members.id), eq(memberContacts.role, 'main')))
    .where(and(eq(members.networkId, club), inArray(members.status, ['active', 'grace'])))
    .orderBy(asc(organizations.name), asc(members.id));
  if (current.length < 10) return;

  // Past events of the club, attended: each takes the members whose position modulo 12 is in its stride (one in
  // twelve went to neither).
  for (const [n, e] of pastEvents.entries()) {
    const startsAt = new Date(Math.floor((now.getTime() - e.daysAgo * DAY) / DAY) * DAY + 16 * 3600_000);
    const [event] = await db
      .insert(events)
      .values({
        networkId: club,
        title: e.title,
        summary: 'Un rendez-vous passé du club, pour la démonstration.',
        format: e.format,
        themes: ['employment', 'cooperation'],
        audiences: ['professionals'],
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
        lastEndsAt: new Date(startsAt.getTime() + 2 * 3600_000),
        venueName: n === 0 ? 'Fonderie Mathieu' : 'Salle des fêtes',
        communeName: n === 0 ? 'Chaumont' : 'Langres',
        communeCode: n === 0 ? '52121' : '52269',
        departmentCode: '52',
        regionCode: '44',
        status: 'published',
        registrationMode: 'maillage',
        capacity: 80,
        membersOnly: true,
        isDemo: true,
        createdAt: new Date(startsAt.getTime() - 30 * DAY),
      })
      .returning();
    const attendees = current.filter((_, i) => e.stride.includes(i % 12) && current[i].email);
    if (attendees.length === 0) continue;
    await db.insert(registrations).values(
      attendees.map((m, i) => ({
        eventId: event.id,
        occurrenceStartsAt: startsAt,
        seq: i + 1,
        status: 'confirmed',
        name: m.contactName,
        email: (m.email ?? '').toLowerCase(),
        organization: m.name,
        consentAt: new Date(startsAt.getTime() - (10 + (i % 7)) * DAY),
        manageTokenHash: hashToken(newManageToken()),
        checkedInAt: new Date(startsAt.getTime() + (i % 20) * 60_000),
        isDemo: true,
        createdAt: new Date(startsAt.getTime() - (10 + (i % 7)) * DAY),
      })),
    );
    await db.insert(registrationCounters).values({
      eventId: event.id,
      occurrenceStartsAt: startsAt,
      lastSeq: attendees.length,
      confirmed: attendees.length,
      waitlisted: 0,
    });
  }

  // A sponsor for each member who joined this year: a member of longer standing, in turn.
  const year = now.toISOString().slice(0, 4);
  const newcomers = current.filter((m) => m.memberSince?.startsWith(year));
  const elders = current.filter((m) => m.memberSince && m.memberSince < `${Number(year) - 3}`);
  for (const [i, m] of newcomers.entries()) {
    if (!elders.length) break;
    await db
      .update(members)
      .set({ sponsorMemberId: elders[(i * 7) % elders.length].id })
      .where(eq(members.id, m.id));
  }

  // The staff called the quietest three.
  const radar = await isolationRadar(ctx.deps, systemActor, club, { months: 6 });
  const notes = [
    'Appelé : pas de disponibilité avant la fin de l’année, à relancer en janvier (démo).',
    'Message laissé ; invitation personnelle à l’afterwork envoyée (démo).',
    'Rencontré au salon de l’habitat : viendra à l’assemblée générale (démo).',
  ];
  const quietest = radar.items.slice(0, notes.length);
  if (quietest.length)
    await db.insert(memberFollowups).values(
      quietest.map((q, i) => ({
        networkId: club,
        memberId: q.memberId,
        on: new Date(now.getTime() - (3 + i * 5) * DAY).toISOString().slice(0, 10),
        note: notes[i],
        isDemo: true,
      })),
    );
  ctx.deps.log.info(
    `Demo radar: ${radar.total} quiet members of ${current.length}, ${newcomers.length} new members sponsored`,
  );
}
