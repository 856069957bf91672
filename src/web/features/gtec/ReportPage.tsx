import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import {
  type Cell,
  Figure,
  PyramidChart,
  type PyramidRow,
  PyramidTable,
  ScrollTable,
  SecretNote,
  scopeLabel,
} from './ReportParts.tsx';
import './gtec.css';
import './gtec-report.css';

type Scope = { scope: 'network' | 'epci' | 'size'; code: string; label: string };
type OccRow = { level: 'total' | 'domain' | 'occupation'; code: string; label: string };
export interface Report {
  wave: { id: string; networkId: string; title: string; closesOn: string; status: string; isDemo: boolean };
  provisional: boolean;
  respondents: number;
  computedAt: string;
  rules: { minCompanies: number; dominance: number; protection: number };
  pyramid: PyramidRow[];
  headcount: Cell;
  ageShares: (Scope & {
    total: Cell;
    over50: Cell;
    over55: Cell;
    share50: number | null;
    share55: number | null;
  })[];
  retirements: (OccRow & { inFive: Cell; inTen: Cell })[];
  recruitment: (OccRow & { count: Cell; hardToFill: Cell; hardShare: number | null })[];
  skills: (OccRow & { companies: Cell })[];
  capacity: (Scope & { internships: Cell; apprenticeships: Cell })[];
  withheld: string[];
}

/** An occupation table's row header: the total and domains in bold, occupations with their code. */
export function OccHeader({ row }: { row: OccRow }) {
  const { t } = useLocale();
  if (row.level === 'total') return <th scope="row">{t('gtecReport.all')}</th>;
  if (row.level === 'domain')
    return (
      <th scope="row" className="gtec-report-domain">
        {row.code === '??' ? t('gtecReport.noOccupation') : row.label}
      </th>
    );
  return (
    <th scope="row" className="gtec-report-occupation">
      {row.label} <span className="muted">({row.code})</span>
    </th>
  );
}

/** /gtec/vagues/:id/rapport — the wave's protected report, printable for elected officials (coordinators). */
export function ReportPage() {
  const { id = '' } = useParams();
  const { t, formatDate, formatDateTime } = useLocale();
  const report = useApi<Report>(`/api/gtec/waves/${id}/report`);
  const r = report.data;
  const skills = (r?.skills ?? [])
    .filter((s) => s.level === 'occupation' || (s.level === 'domain' && s.code === '??'))
    .sort((a, b) => (b.companies.value ?? -1) - (a.companies.value ?? -1));
  return (
    <div className="page gtec-report">
      <PageTitle>{r ? t('gtecReport.title', { title: r.wave.title }) : t('common.loading')}</PageTitle>
      <ErrorMessage error={report.error} />
      {r ? (
        <>
          <p className="gtec-report-noprint">
            <Link to={`/gtec/vagues/${r.wave.id}`}>{t('gtecReport.back')}</Link>
          </p>
          {r.provisional ? (
            <p className="gtec-report-provisional" role="note">
              <strong>{t('gtecReport.provisional', { date: formatDate(r.wave.closesOn) })}</strong>
            </p>
          ) : null}
          {r.wave.isDemo ? <p className="gtec-demo">{t('gtecReport.demo')}</p> : null}
          <p>
            {t('gtecReport.summary', { count: r.respondents })}{' '}
            {r.headcount.value !== null ? t('gtecReport.headcount', { count: r.headcount.value }) : null}
          </p>
          <SecretNote />
          <p className="muted">
            {t('gtecReport.rules', {
              min: r.rules.minCompanies,
              dominance: r.rules.dominance * 100,
              p: r.rules.protection * 100,
            })}{' '}
            {t('gtecReport.computed', { date: formatDateTime(r.computedAt) })}
          </p>
          {r.withheld.length ? <p className="gtec-errors">{t('gtecReport.withheld')}</p> : null}
          <div className="gtec-actions gtec-report-noprint">
            <button type="button" className="button" onClick={() => window.print()}>
              {t('gtecReport.print')}
            </button>
            <a className="button button--secondary" href={`/api/gtec/waves/${id}/report.csv`} download>
              {t('gtecReport.csv')}
            </a>
            <a className="button button--secondary" href={`/api/gtec/waves/${id}/report.xlsx`} download>
              {t('gtecReport.xlsx')}
            </a>
          </div>

          <section aria-labelledby="gtec-report-pyramid" className="gtec-report-section">
            <h2 id="gtec-report-pyramid">{t('gtecReport.pyramid')}</h2>
            <div className="gtec-report-pair">
              <PyramidChart rows={r.pyramid} />
              <PyramidTable rows={r.pyramid} caption={t('gtecReport.pyramidCaption')} />
            </div>
          </section>

          <section aria-labelledby="gtec-report-ages" className="gtec-report-section">
            <h2 id="gtec-report-ages">{t('gtecReport.ages')}</h2>
            <ScrollTable label={t('gtecReport.ages')}>
              <table className="gtec-report-table">
                <thead>
                  <tr>
                    <th scope="col">{t('gtecReport.scope')}</th>
                    <th scope="col">{t('gtecReport.people')}</th>
                    <th scope="col">{t('gtecReport.share50')}</th>
                    <th scope="col">{t('gtecReport.share55')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.ageShares.map((a) => (
                    <tr key={`${a.scope}-${a.code}`}>
                      <th scope="row">{scopeLabel(t, a)}</th>
                      <td>
                        <Figure cell={a.total} />
                      </td>
                      <td>
                        <Figure cell={a.share50} percent />
                      </td>
                      <td>
                        <Figure cell={a.share55} percent />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </section>

          <section aria-labelledby="gtec-report-retirements" className="gtec-report-section">
            <h2 id="gtec-report-retirements">{t('gtecReport.retirements')}</h2>
            <ScrollTable label={t('gtecReport.retirements')}>
              <table className="gtec-report-table">
                <thead>
                  <tr>
                    <th scope="col">{t('gtecReport.occupation')}</th>
                    <th scope="col">{t('gtecReport.inFive')}</th>
                    <th scope="col">{t('gtecReport.inTen')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.retirements.map((x) => (
                    <tr key={`${x.level}-${x.code}`}>
                      <OccHeader row={x} />
                      <td>
                        <Figure cell={x.inFive} />
                      </td>
                      <td>
                        <Figure cell={x.inTen} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </section>

          <section aria-labelledby="gtec-report-recruitment" className="gtec-report-section">
            <h2 id="gtec-report-recruitment">{t('gtecReport.recruitment')}</h2>
            <ScrollTable label={t('gtecReport.recruitment')}>
              <table className="gtec-report-table">
                <thead>
                  <tr>
                    <th scope="col">{t('gtecReport.occupation')}</th>
                    <th scope="col">{t('gtecReport.needs')}</th>
                    <th scope="col">{t('gtecReport.hard')}</th>
                    <th scope="col">{t('gtecReport.hardShare')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.recruitment.map((x) => (
                    <tr key={`${x.level}-${x.code}`}>
                      <OccHeader row={x} />
                      <td>
                        <Figure cell={x.count} />
                      </td>
                      <td>
                        <Figure cell={x.hardToFill} />
                      </td>
                      <td>
                        <Figure cell={x.hardShare} percent />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </section>

          <section aria-labelledby="gtec-report-skills" className="gtec-report-section">
            <h2 id="gtec-report-skills">{t('gtecReport.skills')}</h2>
            <p className="muted">{t('gtecReport.skillsHint')}</p>
            <ul className="gtec-list">
              {skills.map((s) => (
                <li key={s.code}>
                  <span>{s.code === '??' ? t('gtecReport.noOccupation') : s.label}</span>
                  <span>
                    <Figure cell={s.companies} /> {t('gtecReport.companies')}
                  </span>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="gtec-report-capacity" className="gtec-report-section">
            <h2 id="gtec-report-capacity">{t('gtecReport.capacity')}</h2>
            <ScrollTable label={t('gtecReport.capacity')}>
              <table className="gtec-report-table">
                <thead>
                  <tr>
                    <th scope="col">{t('gtecReport.scope')}</th>
                    <th scope="col">{t('gtecReport.internships')}</th>
                    <th scope="col">{t('gtecReport.apprenticeships')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.capacity
                    .filter(
                      (c) => c.scope !== 'size' || c.internships.value !== 0 || c.apprenticeships.value !== 0,
                    )
                    .map((c) => (
                      <tr key={`${c.scope}-${c.code}`}>
                        <th scope="row">{scopeLabel(t, c)}</th>
                        <td>
                          <Figure cell={c.internships} />
                        </td>
                        <td>
                          <Figure cell={c.apprenticeships} />
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </ScrollTable>
          </section>
          <p className="muted gtec-report-source">{t('gtecReport.source', { count: r.respondents })}</p>
        </>
      ) : null}
    </div>
  );
}
