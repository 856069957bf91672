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
import { relationContacts, relationMandates } from './relations.tables.ts';

// Importing a file of the Répertoire national des élus into a network's relations log. The file (or URL) is
// streamed, never read whole; good lines are written by batches, bad ones reported with their line number. A file
// that is not the register is refused on its header, before anything is written. The officials outside the network's
// territory are skipped. Each official is one contact (found again in a newer file by their register key); their
// mandate is replaced by the newer file's, and a mandate the newer file no longer lists is marked ended, never
// deleted: the interactions with that person stay in the log.

const BATCH = 1000;
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

/** Writes one batch of officials: contacts upserted by register key, then their mandates. */
async function writeBatch(
  tx: Db,
  networkId: string,
  layout: RegisterLayout,
  importId: string,
  rows: RegisterRow[],
): Promise<number> {
  const people = new Map(rows.map((r) => [r.registerKey, r]));
  const contacts = await tx
    .insert(relationContacts)
    .values(
      [...people.values()].map((r) => {
        const name = officialName(r);
        const role = mandateSentence(layout.mandate, r.functionLabel, r.sex);
        return {
          networkId,
          kind: 'elected',
          name,
          role,
          organizationName: null,
          territoryCode: r.territoryCode,
          source: 'register',
          lastName: r.lastName,
          firstName: r.firstName,
          sex: r.sex,
          registerKey: r.registerKey,
          searchText: contactSearchText({
            name,
            role,
            organizationName: findTerritory(r.territoryCode)?.name,
          }),
        };
      }),
    )
    .onConflictDoUpdate({
      target: [relationContacts.networkId, relationContacts.registerKey],
      targetWhere: sql`register_key is not null`,
      set: {
        name: sql`excluded.name`,
        role: sql`excluded.role`,
        territoryCode: sql`excluded.territory_code`,
        lastName: sql`excluded.last_name`,
        firstName: sql`excluded.first_name`,
        sex: sql`excluded.sex`,
        searchText: sql`excluded.search_text`,
        updatedAt: sql`now()`,
      },
    })
    .returning({
      id: relationContacts.id,
      key: relationContacts.registerKey,
      created: sql<boolean>`xmax = 0`,
    });
  const idOf = new Map(contacts.map((c) => [c.key, c.id]));
  const mandates = new Map(rows.map((r) => [`${r.registerKey}|${r.territoryCode}`, r]));
  await tx
    .insert(relationMandates)
    .values(
      [...mandates.values()].map((r) => ({
        networkId,
        contactId: idOf.get(r.registerKey)!,
        mandate: layout.mandate,
        territoryCode: r.territoryCode,
        functionLabel: r.functionLabel,
        startedOn: r.startedOn,
        functionStartedOn: r.functionStartedOn,
        importId,
      })),
    )
    .onConflictDoUpdate({
      target: [relationMandates.contactId, relationMandates.mandate, relationMandates.territoryCode],
      set: {
        functionLabel: sql`excluded.function_label`,
        startedOn: sql`excluded.started_on`,
        functionStartedOn: sql`excluded.function_started_on`,
        endedOn: null,
        importId,
        updatedAt: sql`now()`,
      },
    });
  return contacts.filter((c) => c.created).length;
}

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
    const write = async (tx: Db | null) => {
      let batch: RegisterRow[] = [];
      let line = 1;
      const flush = async () => {
        if (tx && batch.length) report.created += await writeBatch(tx, network.id, layout, importId, batch);
        batch = [];
        input.onProgress?.({ label, done: read, total: bytes, unit: 'bytes' });
      };
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
        batch.push(parsed);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      if (!tx) return;
      // The mandates of this kind the file no longer lists: ended today, the person and their log kept.
      const ended = await tx
        .update(relationMandates)
        .set({ endedOn: parisToday(deps.clock()), updatedAt: new Date() })
        .where(
          and(
            eq(relationMandates.networkId, network.id),
            eq(relationMandates.mandate, layout.mandate),
            isNull(relationMandates.endedOn),
            or(isNull(relationMandates.importId), ne(relationMandates.importId, importId)),
          ),
        )
        .returning({ id: relationMandates.id });
      report.ended = ended.length;
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
    };
    if (input.dryRun) await write(null);
    else await deps.db.transaction((trx) => write(trx as unknown as Db));
    input.onProgress?.({ label, done: bytes, total: bytes, unit: 'bytes', finished: true });
    report.seconds = (Date.now() - started) / 1000;
    return report;
  } finally {
    if (isUrl) await rm(path, { force: true });
  }
}
