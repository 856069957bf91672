import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import type { TaskProgress } from '../../lib/progress.ts';
import { getNetworkBySlug } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { parisToday } from '../memberships/memberships.rules.ts';
import { download } from '../observatory/sirene-source.ts';
import { bulkWriter, type Column } from '../observatory/sirene-write.ts';
import { findTerritory } from '../territories/territories.service.ts';
import { requireStaff } from './relations.access.ts';
import {
  officialName,
  parseRegisterRow,
  type RegisterLayout,
  type RegisterRow,
  registerLayout,
} from './relations.register.ts';
import { contactSearchText, mandateSentence } from './relations.rules.ts';
import { relationMandates, relationRegisterRows } from './relations.tables.ts';

// Importing a file of the Répertoire national des élus into a network's relations log. The file (or URL) is
// streamed, never read whole; good lines are staged by batches (COPY) and merged in one transaction at the end, bad ones reported with their line number. A file
// that is not the register is refused on its header, before anything is written. The officials outside the network's
// territory are skipped. Each official is one contact (found again in a newer file by their register key); their
// mandate is replaced by the newer file's, and a mandate the newer file no longer lists is marked ended, never
// deleted: the interactions with that person stay in the log.

const MAX_REPORTED = 1000;

export type ElectedImportReport = {
  mandate: RegisterLayout['mandate'];
  lines: number;
  kept: number;
  outside: number;
  bad: number;
  errors: { line: number; reason: string }[];
  created: number;
  ended: number;
  dryRun: boolean;
  seconds: number;
};

type Input = {
  /** A path or an http(s) URL. */
  source: string;
  /** The network's slug or id. */
  network: string;
  dryRun?: boolean;
  onProgress?: (p: TaskProgress) => void;
};

const stagingColumns: Column[] = [
  ['import_id', 'text'],
  ['network_id', 'text'],
  ['line', 'int'],
  ['register_key', 'text'],
  ['last_name', 'text'],
  ['first_name', 'text'],
  ['sex', 'text'],
  ['name', 'text'],
  ['role', 'text'],
  ['search_text', 'text'],
  ['territory_code', 'text'],
  ['function_label', 'text'],
  ['started_on', 'text'],
  ['function_started_on', 'text'],
];

/** One staged line: the contact as staff will read it and the mandate. */
function stagedRow(
  importId: string,
  networkId: string,
  line: number,
  layout: RegisterLayout,
  r: RegisterRow,
) {
  const name = officialName(r);
  const role = mandateSentence(layout.mandate, r.functionLabel, r.sex);
  const searchText = contactSearchText({
    name,
    role,
    organizationName: findTerritory(r.territoryCode)?.name,
  });
  return [
    importId,
    networkId,
    line,
    r.registerKey,
    r.lastName,
    r.firstName,
    r.sex,
    name,
    role,
    searchText,
    r.territoryCode,
    r.functionLabel,
    r.startedOn,
    r.functionStartedOn,
  ];
}

/**
 * Merges the staged lines: one contact per register key (the last line wins), found again by its key; one mandate
 * per person and territory, replacing the previous file's; the mandates of this kind the file no longer lists are
 * ended today. Returns the contacts created and the mandates ended.
 */
async function mergeStaged(tx: Db, networkId: string, mandate: string, importId: string, today: string) {
  const created = await tx.execute(sql`
    with up as (
      insert into relation_contacts
        (network_id, kind, name, role, territory_code, source, last_name, first_name, sex, register_key, search_text)
      select distinct on (register_key) network_id, 'elected', name, role, territory_code, 'register', last_name,
        first_name, sex, register_key, search_text
      from relation_register_rows where import_id = ${importId}
      order by register_key, line desc
      on conflict (network_id, register_key) where register_key is not null do update set
        name = excluded.name, role = excluded.role, territory_code = excluded.territory_code,
        last_name = excluded.last_name, first_name = excluded.first_name, sex = excluded.sex,
        search_text = excluded.search_text, updated_at = now()
      returning (xmax = 0) as created
    )
    select count(*) filter (where created)::int as n from up`);
  await tx.execute(sql`
    insert into relation_mandates
      (network_id, contact_id, mandate, territory_code, function_label, started_on, function_started_on, import_id)
    select distinct on (r.register_key, r.territory_code) r.network_id, c.id, ${mandate}, r.territory_code,
      r.function_label, r.started_on, r.function_started_on, r.import_id
    from relation_register_rows r
    join relation_contacts c on c.network_id = r.network_id and c.register_key = r.register_key
    where r.import_id = ${importId}
    order by r.register_key, r.territory_code, r.line desc
    on conflict (contact_id, mandate, territory_code) do update set
      function_label = excluded.function_label, started_on = excluded.started_on,
      function_started_on = excluded.function_started_on, ended_on = null, import_id = excluded.import_id,
      updated_at = now()`);
  const ended = await tx
    .update(relationMandates)
    .set({ endedOn: today, updatedAt: new Date() })
    .where(
      and(
        eq(relationMandates.networkId, networkId),
        eq(relationMandates.mandate, mandate),
        isNull(relationMandates.endedOn),
        or(isNull(relationMandates.importId), ne(relationMandates.importId, importId)),
      ),
    )
    .returning({ id: relationMandates.id });
  await tx.delete(relationRegisterRows).where(eq(relationRegisterRows.importId, importId));
  return { created: rowsOf<{ n: number }>(created)[0]?.n ?? 0, ended: ended.length };
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Lines staged per COPY, fewer than the bulk writer's batches (5,000 embedded, 20,000 on PostgreSQL). What is alive
 * during an import is small (87 MB after a full GC in `bench:elus`, the territories reference mostly); the RSS peak
 * is garbage of the old generation: a batch's rows live until it is sent, long enough to be promoted there.
 */
const STAGING_BATCH = 1_000;

/** Imports one file of the register for a network (system actor from the command line, or a coordinator). */
export async function importElectedOfficials(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  input: Input,
): Promise<ElectedImportReport> {
  const started = Date.now();
  const network = await getNetworkBySlug(deps.db, input.network);
  await requireStaff(deps.db, actor, network.id);
  const scope = network.territory && network.territory !== 'fr' ? network.territory : null;
  const isUrl = /^https?:\/\//i.test(input.source);
  const label = 'Élus du répertoire national';
  const path = isUrl
    ? await download(input.source, (done, total) =>
        input.onProgress?.({ label: 'Téléchargement', done, total, unit: 'bytes' }),
      ).catch((e: Error) => {
        throw invalidInput(`Fichier refusé : ${e.message}`, { file: e.message });
      })
    : input.source;
  try {
    const bytes = await stat(path).then(
      (s) => s.size,
      () => {
        throw invalidInput(`Fichier introuvable : ${input.source}`, { file: 'fichier introuvable' });
      },
    );
    const importId = randomUUID();
    const report: ElectedImportReport = {
      mandate: 'municipal',
      lines: 0,
      kept: 0,
      outside: 0,
      bad: 0,
      errors: [],
      created: 0,
      ended: 0,
      dryRun: Boolean(input.dryRun),
      seconds: 0,
    };
    const file = createReadStream(path);
    let read = 0;
    file.on('data', (c) => {
      read += c.length;
    });
    const parser = file.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: 'greedy' }));
    const rows = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
    const first = await rows.next();
    const layout = first.done ? { error: 'fichier vide' } : registerLayout(first.value);
    if ('error' in layout) {
      file.destroy();
      throw invalidInput(`Fichier refusé : ${layout.error}`, { file: layout.error });
    }
    report.mandate = layout.mandate;
    const write = bulkWriter(deps.db);
    // Lines left by an import that was killed before its merge.
    if (!input.dryRun)
      await deps.db.delete(relationRegisterRows).where(eq(relationRegisterRows.networkId, network.id));
    let batch: unknown[][] = [];
    const flush = async () => {
      if (!input.dryRun) await write('relation_register_rows', stagingColumns, batch);
      batch = [];
      input.onProgress?.({ label, done: read, total: bytes, unit: 'bytes' });
    };
    let line = 1;
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      line++;
      report.lines++;
      const parsed = parseRegisterRow(layout, next.value);
      if ('error' in parsed) {
        report.bad++;
        if (report.errors.length < MAX_REPORTED) report.errors.push({ line, reason: parsed.error });
        continue;
      }
      if (
        scope &&
        parsed.territoryCode !== scope &&
        !findTerritory(parsed.territoryCode)?.parents.includes(scope)
      ) {
        report.outside++;
        continue;
      }
      report.kept++;
      batch.push(stagedRow(importId, network.id, line, layout, parsed));
      if (batch.length >= STAGING_BATCH) await flush();
    }
    await flush();
    if (!input.dryRun)
      await deps.db.transaction(async (trx) => {
        const tx = trx as unknown as Db;
        const merged = await mergeStaged(tx, network.id, layout.mandate, importId, parisToday(deps.clock()));
        report.created = merged.created;
        report.ended = merged.ended;
        await recordAudit(tx, actor, {
          action: 'relations.register-import',
          entityType: 'network',
          entityId: network.id,
          networkIds: [network.id],
          after: {
            mandate: layout.mandate,
            lines: report.lines,
            kept: report.kept,
            bad: report.bad,
            created: report.created,
            ended: report.ended,
          },
        });
      });
    input.onProgress?.({ label, done: bytes, total: bytes, unit: 'bytes', finished: true });
    report.seconds = (Date.now() - started) / 1000;
    return report;
  } finally {
    if (isUrl) await rm(path, { force: true });
  }
}
