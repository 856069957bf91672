import { type ChangeEvent, useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { OccupationPicker } from './OccupationPicker.tsx';
import { AGE_BANDS, type AnswerData, CONTRACTS } from './types.ts';

// The GTEC questionnaire (v1), phone first: a few lines per section, each saved as it is typed (the page sends only
// complete lines). Numbers are kept as typed: the server says, naming the line, what is wrong with them.

type Section = 'headcount' | 'retirements' | 'recruitment' | 'skills';
type Row = {
  [field: string]: string | number | boolean | null | undefined;
  key: number;
  rome: string | null;
  pick: string | null;
};

let nextKey = 1;
const toRows = (lines: object[] | undefined): Row[] =>
  (lines ?? []).map((l) => {
    const row: Row = { key: nextKey++, rome: null, pick: null };
    for (const [k, v] of Object.entries(l))
      row[k] = typeof v === 'number' ? String(v) : (v as string | boolean | null);
    row.pick = (l as { rome?: string | null }).rome ?? null;
    return row;
  });

const num = (s: unknown) =>
  typeof s === 'string' && s.trim() !== '' ? Number(s.replace(',', '.')) : Number.NaN;

/** The complete lines of a section as the API takes them, and which row each came from. */
export function linesOf(section: Section, rows: Row[]) {
  const out: { row: number; line: Record<string, unknown> }[] = [];
  rows.forEach((r, i) => {
    if (section === 'headcount' && r.rome && r.count !== '' && r.count !== undefined)
      out.push({
        row: i,
        line: { rome: r.rome, ageBand: r.ageBand, sex: r.sex, contract: r.contract, count: num(r.count) },
      });
    if (section === 'retirements' && r.rome && (r.within5 || r.within10))
      out.push({
        row: i,
        line: { rome: r.rome, within5: num(r.within5 || '0'), within10: num(r.within10 || '0') },
      });
    if (section === 'recruitment' && r.rome && r.count)
      out.push({
        row: i,
        line: {
          rome: r.rome,
          count: num(r.count),
          hardToFill: Boolean(r.hardToFill),
          seasonal: Boolean(r.seasonal),
        },
      });
    if (section === 'skills' && typeof r.gap === 'string' && r.gap.trim())
      out.push({ row: i, line: { rome: r.rome, gap: r.gap, training: r.training ?? '' } });
  });
  return out;
}

const blank: Record<Section, Record<string, string | boolean>> = {
  headcount: { ageBand: '50-54', sex: 'M', contract: 'cdi', count: '' },
  retirements: { within5: '', within10: '' },
  recruitment: { count: '', hardToFill: false, seasonal: false },
  skills: { gap: '', training: '' },
};

export function GtecForm(props: {
  data: AnswerData;
  labels: Record<string, string>;
  readOnly: boolean;
  errors: Record<string, string>;
  onSection: (section: keyof AnswerData, value: unknown, rows?: number[]) => void;
}) {
  const { t } = useLocale();
  const [rows, setRows] = useState<Record<Section, Row[]>>(() => ({
    headcount: toRows(props.data.headcount),
    retirements: toRows(props.data.retirements),
    recruitment: toRows(props.data.recruitment),
    skills: toRows(props.data.skills),
  }));
  const [capacity, setCapacity] = useState({
    internships: String(props.data.capacity?.internships ?? ''),
    apprenticeships: String(props.data.capacity?.apprenticeships ?? ''),
  });
  function update(section: Section, next: Row[]) {
    setRows({ ...rows, [section]: next });
    const lines = linesOf(section, next);
    props.onSection(
      section,
      lines.map((l) => l.line),
      lines.map((l) => l.row),
    );
  }
  const change = (section: Section, i: number, patch: Partial<Row>) =>
    update(
      section,
      rows[section].map((r, j) => (j === i ? { ...r, ...patch } : r)),
    );
  const add = (section: Section) =>
    setRows({
      ...rows,
      [section]: [...rows[section], { key: nextKey++, rome: null, pick: null, ...blank[section] }],
    });
  const remove = (section: Section, i: number) =>
    update(
      section,
      rows[section].filter((_, j) => j !== i),
    );
  const err = (section: Section, i: number, field: string) => props.errors[`${section}.${i}.${field}`];
  const value = (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    e.target.value;
  const disabled = props.readOnly;

  const lineShell = (section: Section, i: number, children: React.ReactNode) => (
    <li key={rows[section][i].key} className="gtec-line">
      <fieldset disabled={disabled}>
        <legend>{t('gtec.form.line', { n: i + 1 })}</legend>
        {children}
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => remove(section, i)}
        >
          {t('gtec.form.removeLine', { n: i + 1 })}
        </button>
      </fieldset>
    </li>
  );
  const picker = (section: Section, i: number, label?: string) => (
    <OccupationPicker
      id={`${section}-${rows[section][i].key}-rome`}
      label={label}
      value={rows[section][i].pick}
      labels={props.labels}
      error={err(section, i, 'rome')}
      onChange={(rome, pick) => change(section, i, { rome, pick })}
    />
  );
  const count = (section: Section, i: number, field: string, label: string) => (
    <Field
      id={`${section}-${rows[section][i].key}-${field}`}
      label={label}
      type="number"
      inputMode="numeric"
      min={0}
      step={1}
      value={String(rows[section][i][field] ?? '')}
      onChange={(e) => change(section, i, { [field]: value(e) })}
      error={err(section, i, field)}
    />
  );
  const addButton = (section: Section) =>
    disabled ? null : (
      <button type="button" className="button button--secondary" onClick={() => add(section)}>
        {t('gtec.form.addLine')}
      </button>
    );

  return (
    <div className="gtec-sections">
      <section aria-labelledby="gtec-headcount">
        <h2 id="gtec-headcount">{t('gtec.form.headcount')}</h2>
        <p className="muted">{t('gtec.form.headcountHint')}</p>
        {props.errors.headcount ? <p className="field__error">{props.errors.headcount}</p> : null}
        <ol className="gtec-lines">
          {rows.headcount.map((r, i) =>
            lineShell(
              'headcount',
              i,
              <>
                {picker('headcount', i)}
                <div className="gtec-row">
                  <Field
                    as="select"
                    id={`hc-${r.key}-age`}
                    label={t('gtec.form.ageBand')}
                    value={String(r.ageBand)}
                    onChange={(e) => change('headcount', i, { ageBand: value(e) })}
                  >
                    {AGE_BANDS.map((a) => (
                      <option key={a} value={a}>
                        {t(`gtec.age.${a}`)}
                      </option>
                    ))}
                  </Field>
                  <Field
                    as="select"
                    id={`hc-${r.key}-sex`}
                    label={t('gtec.form.sex')}
                    value={String(r.sex)}
                    onChange={(e) => change('headcount', i, { sex: value(e) })}
                  >
                    <option value="F">{t('gtec.form.sexF')}</option>
                    <option value="M">{t('gtec.form.sexM')}</option>
                  </Field>
                  <Field
                    as="select"
                    id={`hc-${r.key}-contract`}
                    label={t('gtec.form.contract')}
                    value={String(r.contract)}
                    onChange={(e) => change('headcount', i, { contract: value(e) })}
                  >
                    {CONTRACTS.map((c) => (
                      <option key={c} value={c}>
                        {t(`gtec.contract.${c}`)}
                      </option>
                    ))}
                  </Field>
                  {count('headcount', i, 'count', t('gtec.form.count'))}
                </div>
                {props.errors[`headcount.${i}`] ? (
                  <p className="field__error">{props.errors[`headcount.${i}`]}</p>
                ) : null}
              </>,
            ),
          )}
        </ol>
        {addButton('headcount')}
      </section>

      <section aria-labelledby="gtec-retirements">
        <h2 id="gtec-retirements">{t('gtec.form.retirements')}</h2>
        <ol className="gtec-lines">
          {rows.retirements.map((_, i) =>
            lineShell(
              'retirements',
              i,
              <>
                {picker('retirements', i)}
                <div className="gtec-row">
                  {count('retirements', i, 'within5', t('gtec.form.within5'))}
                  {count('retirements', i, 'within10', t('gtec.form.within10'))}
                </div>
              </>,
            ),
          )}
        </ol>
        {addButton('retirements')}
      </section>

      <section aria-labelledby="gtec-recruitment">
        <h2 id="gtec-recruitment">{t('gtec.form.recruitment')}</h2>
        <ol className="gtec-lines">
          {rows.recruitment.map((r, i) =>
            lineShell(
              'recruitment',
              i,
              <>
                {picker('recruitment', i)}
                {count('recruitment', i, 'count', t('gtec.form.recruits'))}
                <label className="gtec-check">
                  <input
                    type="checkbox"
                    checked={Boolean(r.hardToFill)}
                    onChange={(e) => change('recruitment', i, { hardToFill: e.target.checked })}
                  />{' '}
                  {t('gtec.form.hardToFill')}
                </label>
                <label className="gtec-check">
                  <input
                    type="checkbox"
                    checked={Boolean(r.seasonal)}
                    onChange={(e) => change('recruitment', i, { seasonal: e.target.checked })}
                  />{' '}
                  {t('gtec.form.seasonal')}
                </label>
              </>,
            ),
          )}
        </ol>
        {addButton('recruitment')}
      </section>

      <section aria-labelledby="gtec-skills">
        <h2 id="gtec-skills">{t('gtec.form.skills')}</h2>
        <ol className="gtec-lines">
          {rows.skills.map((r, i) =>
            lineShell(
              'skills',
              i,
              <>
                {picker('skills', i, t('gtec.form.occupationOptional'))}
                <Field
                  as="textarea"
                  id={`sk-${r.key}-gap`}
                  label={t('gtec.form.gap')}
                  value={String(r.gap ?? '')}
                  onChange={(e) => change('skills', i, { gap: value(e) })}
                  error={err('skills', i, 'gap')}
                />
                <Field
                  as="textarea"
                  id={`sk-${r.key}-training`}
                  label={t('gtec.form.training')}
                  value={String(r.training ?? '')}
                  onChange={(e) => change('skills', i, { training: value(e) })}
                />
              </>,
            ),
          )}
        </ol>
        {addButton('skills')}
      </section>

      <section aria-labelledby="gtec-capacity">
        <h2 id="gtec-capacity">{t('gtec.form.capacity')}</h2>
        <fieldset disabled={disabled} className="gtec-row">
          {(['internships', 'apprenticeships'] as const).map((k) => (
            <Field
              key={k}
              id={`capacity-${k}`}
              label={t(`gtec.form.${k}`)}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={capacity[k]}
              error={props.errors[`capacity.${k}`]}
              onChange={(e) => {
                const next = { ...capacity, [k]: e.target.value };
                setCapacity(next);
                props.onSection('capacity', {
                  internships: num(next.internships || '0'),
                  apprenticeships: num(next.apprenticeships || '0'),
                });
              }}
            />
          ))}
        </fieldset>
      </section>
    </div>
  );
}
