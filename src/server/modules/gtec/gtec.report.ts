import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { parisToday } from '../memberships/memberships.rules.ts';
import { findTerritory } from '../territories/territories.service.ts';
import { requireWaveStaff, type WaveRow, waveStatus } from './gtec.access.ts';
import { AGE_BANDS, type GtecData } from './gtec.questionnaires.ts';
import {
  AGE_GROUPS,
  cellReader,
  DIMENSIONS,
  type Measure,
  type ReportCell,
  SIZE_BANDS,
  type StoredPlan,
  share,
  sizeBand,
  UNKNOWN,
  UNKNOWN_DOMAIN,
} from './gtec.report.model.ts';
import { REPORT_RULES, wavePlan } from './gtec.report.plan.ts';
import { requireRespondent } from './gtec.respondent.ts';
import { gtecAnswers, gtecQuestionnaires } from './gtec.tables.ts';
import { dayLabel } from './gtec.waves.ts';
import { romeDomainLabels, romeLabels } from './rome.service.ts';

// The report of a GTEC wave: its tables read through the wave's secrecy plan (gtec.report.plan.ts), every hidden
// cell given as null with "secret statistique", never its value. The network's coordinators read it (a provisional
// one while the wave is open); a member company reads the network's figures beside its own (its benchmark), once the
// wave is closed. No one reads a company's answers here: the report holds only the plan's published cells.

type Cell = ReportCell;
type OccRow = { level: 'total' | 'domain' | 'occupation'; code: string; label: string };

async function requireGtec(deps: Pick<Deps, 'db'>, wave: WaveRow) {
  const [q] = await deps.db
    .select({ kind: gtecQuestionnaires.kind })
    .from(gtecQuestionnaires)
    .where(eq(gtecQuestionnaires.id, wave.questionnaireId));
  if (q?.kind !== 'gtec')
    throw new AppError('CONFLICT', 'Les enquêtes flash n’ont pas de rapport GTEC', { wave: 'enquête flash' });
}

const epciLabel = (code: string) =>
  code === UNKNOWN ? 'EPCI non renseigné' : (findTerritory(`epci:${code}`)?.name ?? code);

/** Occupation rows of the measures given: the total, then each domain followed by its occupations. */
async function occupationRows(deps: Pick<Deps, 'db'>, plan: StoredPlan, measures: Measure[]) {
  const codes = new Set<string>();
  for (const m of measures)
    for (const k of [...Object.keys(plan[m].published), ...plan[m].hidden]) if (k !== '*') codes.add(k);
  const occupations = [...codes].filter((c) => c.length === 5 || c === UNKNOWN).sort();
  const [labels, domainLabels] = await Promise.all([
    romeLabels(deps.db, occupations),
    romeDomainLabels(deps.db),
  ]);
  const rows: OccRow[] = [{ level: 'total', code: '*', label: 'Ensemble' }];
  let domain = '';
  for (const code of occupations) {
    const d = code === UNKNOWN ? UNKNOWN_DOMAIN : code.slice(0, 1);
    if (d !== domain) {
      domain = d;
      const label = d === UNKNOWN_DOMAIN ? 'Métier non précisé' : (domainLabels.get(d) ?? d);
      rows.push({ level: 'domain', code: d, label });
    }
    if (code !== UNKNOWN) rows.push({ level: 'occupation', code, label: labels.get(code) ?? code });
  }
  return rows;
}

/** The wave's tables through its plan. */
async function buildReport(deps: Pick<Deps, 'db'>, plan: StoredPlan) {
  const cell = cellReader(plan, DIMENSIONS);
  const hc = (coords: Record<string, string>) => cell('headcount', coords);
  const pyramid = AGE_BANDS.map((band) => ({
    band,
    female: hc({ age: band, sex: 'F' }),
    male: hc({ age: band, sex: 'M' }),
    total: hc({ age: band }),
  }));
  const shares = (scope: 'network' | 'epci' | 'size', code: string, label: string) => {
    const at = scope === 'network' ? {} : { [scope]: code };
    const total = hc(at);
    const [under50, g50, g55] = AGE_GROUPS.map((g) => hc({ ...at, age: g }));
    const over50: Cell =
      g50.value !== null && g55.value !== null
        ? { value: g50.value + g55.value, reason: null }
        : total.value !== null && under50.value !== null
          ? { value: total.value - under50.value, reason: null }
          : g55.reason
            ? g55
            : g50;
    return {
      scope,
      code,
      label,
      total,
      over50,
      over55: g55,
      share50: share(over50, total),
      share55: share(g55, total),
    };
  };
  const epcis = [
    ...new Set(
      [...Object.keys(plan.headcount.published), ...plan.headcount.hidden]
        .map((k) => k.split('|')[2])
        .filter((c) => c !== '*'),
    ),
  ].sort();
  const ageShares = [
    shares('network', '*', 'Ensemble du réseau'),
    ...epcis.map((c) => shares('epci', c, epciLabel(c))),
    ...SIZE_BANDS.map((s) => shares('size', s, s)),
  ].filter((r) => r.scope === 'network' || r.total.value !== 0);
  const occ = (m: Measure, code: string) => cell(m, code === '*' ? {} : { occ: code });
  const retirements = (await occupationRows(deps, plan, ['retire5', 'retire10'])).map((r) => ({
    ...r,
    inFive: occ('retire5', r.code),
    inTen: occ('retire10', r.code),
  }));
  const recruitment = (await occupationRows(deps, plan, ['recruit'])).map((r) => {
    const count = occ('recruit', r.code);
    const hardToFill = occ('hardToFill', r.code);
    return { ...r, count, hardToFill, hardShare: share(hardToFill, count) };
  });
  const skills = (await occupationRows(deps, plan, ['skills'])).map((r) => ({
    ...r,
    companies: occ('skills', r.code),
  }));
  const capacity = [
    { scope: 'network' as const, code: '*', label: 'Ensemble du réseau' },
    ...epcis.map((c) => ({ scope: 'epci' as const, code: c, label: epciLabel(c) })),
    ...SIZE_BANDS.map((s) => ({ scope: 'size' as const, code: s, label: s })),
  ].map((r) => {
    const at = r.scope === 'network' ? {} : { [r.scope]: r.code };
    return { ...r, internships: cell('internships', at), apprenticeships: cell('apprenticeships', at) };
  });
  const withheld = (Object.keys(plan) as Measure[]).filter((m) => plan[m].unprotected > 0);
  return { pyramid, headcount: hc({}), ageShares, retirements, recruitment, skills, capacity, withheld };
}

function waveHead(wave: WaveRow, today: string) {
  return {
    id: wave.id,
    networkId: wave.networkId,
    title: wave.title,
    opensOn: wave.opensOn,
    closesOn: wave.closesOn,
    status: waveStatus(wave, today),
    isDemo: wave.isDemo,
  };
}

/** The wave's report for its network's coordinators: final once closed, provisional while open. */
export async function waveReport(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, waveId: string) {
  const wave = await requireWaveStaff(deps.db, actor, waveId);
  await requireGtec(deps, wave);
  const head = waveHead(wave, parisToday(deps.clock()));
  if (head.status === 'scheduled')
    throw new AppError(
      'CONFLICT',
      `Enquête ouverte à partir du ${dayLabel(wave.opensOn)} : pas encore de réponses`,
      {
        wave: 'vague pas encore ouverte',
      },
    );
  const p = await wavePlan(deps, wave, head.status);
  return {
    wave: head,
    provisional: head.status !== 'closed',
    respondents: p.respondents,
    computedAt: p.computedAt,
    rules: REPORT_RULES,
    ...(await buildReport(deps, p.plan)),
  };
}

/** A company's own figures, as the report's rows show the network's. */
function ownFigures(data: GtecData) {
  const lines = data.headcount ?? [];
  const sum = (pred: (l: (typeof lines)[number]) => boolean) =>
    lines.filter(pred).reduce((s, l) => s + l.count, 0);
  const total = sum(() => true);
  const over50 = sum((l) => ['50-54', '55-59', '60-64', '65+'].includes(l.ageBand));
  const over55 = sum((l) => ['55-59', '60-64', '65+'].includes(l.ageBand));
  const pct = (n: number) => (total ? Math.round((n / total) * 1000) / 10 : null);
  return {
    headcount: total,
    size: sizeBand(total),
    pyramid: AGE_BANDS.map((band) => ({
      band,
      female: sum((l) => l.ageBand === band && l.sex === 'F'),
      male: sum((l) => l.ageBand === band && l.sex === 'M'),
    })),
    share50: pct(over50),
    share55: pct(over55),
    retirements: (data.retirements ?? []).map((r) => ({
      code: r.rome,
      inFive: r.within5,
      inTen: r.within10,
    })),
    recruitment: (data.recruitment ?? []).map((r) => ({
      code: r.rome,
      count: r.count,
      hardToFill: r.hardToFill,
    })),
    internships: data.capacity?.internships ?? null,
    apprenticeships: data.capacity?.apprenticeships ?? null,
  };
}

/**
 * A member company's benchmark: its own answers beside its network's protected figures (the network, its size band;
 * no EPCI or size rows but its own), once the wave is closed. Through its link or signed in as the company.
 */
export async function waveBenchmark(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  waveId: string,
  token: string | undefined,
) {
  const who = await requireRespondent(deps, actor, waveId, token);
  await requireGtec(deps, who.wave);
  const head = waveHead(who.wave, parisToday(deps.clock()));
  if (head.status !== 'closed')
    throw new AppError(
      'CONFLICT',
      `Les chiffres du réseau sont publiés à la clôture de l’enquête, le ${dayLabel(who.wave.closesOn)}`,
      { wave: 'vague pas encore close' },
    );
  const [answer] = await deps.db
    .select({ status: gtecAnswers.status, data: gtecAnswers.data })
    .from(gtecAnswers)
    .where(eq(gtecAnswers.recipientId, who.recipientId));
  const mine = answer?.status === 'submitted' ? ownFigures(answer.data as GtecData) : null;
  const p = await wavePlan(deps, who.wave, head.status);
  const report = await buildReport(deps, p.plan);
  const labels = await romeLabels(deps.db, [
    ...(mine?.retirements ?? []).map((r) => r.code),
    ...(mine?.recruitment ?? []).map((r) => r.code),
  ]);
  return {
    wave: head,
    organizationName: who.organizationName,
    respondents: p.respondents,
    rules: REPORT_RULES,
    mine: mine && {
      ...mine,
      retirements: mine.retirements.map((r) => ({ ...r, label: labels.get(r.code) ?? r.code })),
      recruitment: mine.recruitment.map((r) => ({ ...r, label: labels.get(r.code) ?? r.code })),
    },
    network: {
      headcount: report.headcount,
      pyramid: report.pyramid,
      ageShares: report.ageShares.filter(
        (r) => r.scope === 'network' || (r.scope === 'size' && r.code === mine?.size),
      ),
      retirements: report.retirements,
      recruitment: report.recruitment,
      capacity: report.capacity.filter((r) => r.scope === 'network'),
    },
  };
}

export type WaveReport = Awaited<ReturnType<typeof waveReport>>;
