import { and, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, invalidInput } from '../../lib/errors.ts';
import { nafSectionLabel } from '../company-identity/naf.ts';
import { distanceKm, townCentres } from '../events/events.places.ts';
import { parisToday } from '../memberships/memberships.rules.ts';
import { members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { findTerritory, normalizeName } from '../territories/territories.service.ts';
import { PARTICIPATING } from './networking.access.ts';
import { getPost } from './networking.posts.ts';
import { distancePoints, reasonText, significantWords } from './networking.rules.ts';
import { exchangePosts } from './networking.tables.ts';

// For a need, the offers and the member organisations that could answer it, ranked by words in common (French
// stems: "charpente" and "charpentier" share "charpent"), the same sector and closeness, each with its reason in
// French. Nothing is sent: the member chooses whom to ask for an introduction.

export type Suggestion = {
  type: 'offer' | 'member';
  memberId: string;
  organizationName: string;
  postId: string | null;
  title: string | null;
  score: number;
  reason: string;
  distanceKm: number | null;
  sharedWords: string[];
};

type Candidate = {
  memberId: string;
  organizationName: string;
  postId: string | null;
  title: string | null;
  nafSection: string | null;
  communeCode: string | null;
  lexemes: string[];
};

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** Stems shared by both texts (one a prefix of the other, 5 letters at least, or equal), as the need wrote them. */
function sharedWords(need: Map<string, string>, lexemes: string[]): string[] {
  const out = new Set<string>();
  for (const [stem, word] of need) {
    const hit = lexemes.some(
      (l) =>
        l === stem || (Math.min(l.length, stem.length) >= 5 && (l.startsWith(stem) || stem.startsWith(l))),
    );
    if (hit) out.add(word);
  }
  return [...out].slice(0, 6);
}

/** The commune a territory code or a commune code points to (for the distance), or null. */
function communeOf(code: string | null): string | null {
  if (!code) return null;
  const t = findTerritory(code);
  return t?.level === 'commune' ? t.officialCode : null;
}

/** Closeness of two places: km between known town centres, else the same commune, EPCI or department. */
function closeness(a: string | null, b: string | null, wanted: string | null) {
  if (!a || !b) return { points: 0, place: undefined, km: null };
  if (a === b) return { points: 3, place: 'même commune', km: 0 };
  const ca = townCentres[a];
  const cb = townCentres[b];
  if (ca && cb) {
    const km = Math.round(distanceKm(ca, cb));
    return { points: distancePoints(km), place: `${km} km`, km };
  }
  const pa = findTerritory(a)?.parents ?? [];
  const pb = findTerritory(b)?.parents ?? [];
  if (wanted && pb.includes(wanted)) return { points: 2, place: 'dans le territoire demandé', km: null };
  const epci = pa.find((p) => p.startsWith('epci:'));
  if (epci && pb.includes(epci)) return { points: 2, place: 'même intercommunalité', km: null };
  const dep = pa.find((p) => p.startsWith('dep:'));
  if (dep && pb.includes(dep)) return { points: 1, place: 'même département', km: null };
  return { points: 0, place: undefined, km: null };
}

/** The need's words by French stem, as written (accents kept). */
async function needStems(db: Db, title: string, body: string): Promise<Map<string, string>> {
  const words = significantWords(`${title} ${body}`);
  if (words.length === 0) return new Map();
  const folded = words.map((w) => normalizeName(w).replace(/ /g, ''));
  const result = rowsOf<{ w: string; l: string[] }>(
    await db.execute(
      sql`select w, tsvector_to_array(to_tsvector('french', w)) as l from regexp_split_to_table(${folded.join(' ')}, ' ') as w`,
    ),
  );
  const map = new Map<string, string>();
  result.forEach((r, i) => {
    for (const stem of r.l ?? []) if (!map.has(stem)) map.set(stem, words[i]);
  });
  return map;
}

/** Suggestions for a need (its member or the network's coordinators). */
export async function suggestionsFor(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, postId: string) {
  const need = await getPost(deps, actor, postId);
  if (!need.canManage) throw forbidden('Les suggestions sont réservées à l’adhérent qui a publié ce besoin');
  if (need.kind !== 'need')
    throw invalidInput('Pas un besoin', { postId: 'les suggestions portent sur un besoin' });
  const db = deps.db;
  const today = parisToday(deps.clock());
  const [needOrg] = await db
    .select({ communeCode: organizations.communeCode, nafSection: organizations.nafSection })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(eq(members.id, need.memberId));
  const stems = await needStems(db, need.title, need.body);
  const needCommune = communeOf(need.territoryCode) ?? needOrg?.communeCode ?? null;
  const wanted = need.territoryCode && !communeOf(need.territoryCode) ? need.territoryCode : null;

  const offers: Candidate[] = (
    await db
      .select({
        memberId: exchangePosts.memberId,
        organizationName: organizations.name,
        postId: exchangePosts.id,
        title: exchangePosts.title,
        nafSection: sql<string | null>`coalesce(${exchangePosts.nafSection}, ${organizations.nafSection})`,
        territoryCode: exchangePosts.territoryCode,
        orgCommune: organizations.communeCode,
        lexemes: sql<string[]>`tsvector_to_array(${exchangePosts.searchVector})`,
      })
      .from(exchangePosts)
      .innerJoin(members, eq(members.id, exchangePosts.memberId))
      .innerJoin(organizations, eq(organizations.id, members.organizationId))
      .where(
        and(
          eq(exchangePosts.networkId, need.networkId),
          eq(exchangePosts.kind, 'offer'),
          gte(exchangePosts.expiresOn, today),
          ne(exchangePosts.memberId, need.memberId),
          inArray(members.status, [...PARTICIPATING]),
        ),
      )
      .limit(2000)
  ).map((o) => ({ ...o, communeCode: communeOf(o.territoryCode) ?? o.orgCommune }));
  const orgs: Candidate[] = (
    await db
      .select({
        memberId: members.id,
        organizationName: organizations.name,
        nafSection: organizations.nafSection,
        communeCode: organizations.communeCode,
        lexemes: sql<
          string[]
        >`tsvector_to_array(to_tsvector('french', ${organizations.searchText} || ' ' || ${organizations.searchDescription}))`,
      })
      .from(members)
      .innerJoin(organizations, eq(organizations.id, members.organizationId))
      .where(
        and(
          eq(members.networkId, need.networkId),
          ne(members.id, need.memberId),
          inArray(members.status, [...PARTICIPATING]),
        ),
      )
      .limit(5000)
  ).map((o) => ({ ...o, postId: null, title: null }));

  const scored: Suggestion[] = [];
  for (const c of [...offers, ...orgs]) {
    const words = sharedWords(stems, c.lexemes ?? []);
    const sameSector = Boolean(need.nafSection && c.nafSection === need.nafSection);
    if (words.length === 0 && !sameSector) continue;
    const near = closeness(needCommune, c.communeCode, wanted);
    const score = Math.min(words.length, 5) * 2 + (sameSector ? 3 : 0) + near.points + (c.postId ? 1 : 0);
    scored.push({
      type: c.postId ? 'offer' : 'member',
      memberId: c.memberId,
      organizationName: c.organizationName,
      postId: c.postId,
      title: c.title,
      score,
      reason: reasonText({
        sector: sameSector ? (nafSectionLabel(need.nafSection) ?? undefined) : undefined,
        place: near.place,
        words,
      }),
      distanceKm: near.km,
      sharedWords: words,
    });
  }
  scored.sort((a, b) => b.score - a.score || a.organizationName.localeCompare(b.organizationName, 'fr'));
  return { post: need, items: scored.slice(0, 20) };
}
