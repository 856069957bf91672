import { useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { PULSE_INTENTIONS, PULSE_SCALE, type PulseAnswers } from './types.ts';

const MORALE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** The pulse survey (about five minutes on a phone): every change is saved at once. */
export function PulseForm(props: {
  data: PulseAnswers;
  rotatingQuestion: string | null;
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (value: PulseAnswers) => void;
}) {
  const { t } = useLocale();
  const [a, setA] = useState<PulseAnswers>(props.data);
  const set = (patch: Partial<PulseAnswers>) => {
    const next = { ...a, ...patch };
    setA(next);
    props.onChange(next);
  };
  const scale = (k: 'revenue' | 'staff' | 'hours') => (
    <Field
      as="select"
      id={`pulse-${k}`}
      label={t(`gtec.pulse.${k}`)}
      value={a[k] ?? ''}
      onChange={(e) => set({ [k]: e.target.value || undefined })}
    >
      <option value="">{t('gtec.pulse.choose')}</option>
      {PULSE_SCALE.map((s) => (
        <option key={s} value={s}>
          {t(`gtec.pulse.scale.${s}`)}
        </option>
      ))}
    </Field>
  );
  return (
    <fieldset disabled={props.readOnly} className="gtec-sections">
      <fieldset id="pulse-situation">
        <legend>{t('gtec.pulse.situation')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="gtec-check">
            <input
              type="radio"
              name="situation"
              checked={a.situation === n}
              onChange={() => set({ situation: n })}
            />{' '}
            {t(`gtec.pulse.situation${n}`)}
          </label>
        ))}
        {props.errors['pulse.situation'] ? (
          <p className="field__error">{props.errors['pulse.situation']}</p>
        ) : null}
      </fieldset>
      {scale('revenue')}
      {scale('staff')}
      {scale('hours')}
      <fieldset>
        <legend>{t('gtec.pulse.intentions')}</legend>
        {PULSE_INTENTIONS.map((k) => (
          <label key={k} className="gtec-check">
            <input
              type="checkbox"
              checked={(a.intentions ?? []).includes(k)}
              onChange={(e) =>
                set({
                  intentions: e.target.checked
                    ? [...(a.intentions ?? []), k]
                    : (a.intentions ?? []).filter((x) => x !== k),
                })
              }
            />{' '}
            {t(`gtec.pulse.intention.${k}`)}
          </label>
        ))}
      </fieldset>
      <Field
        as="select"
        id="pulse-morale"
        label={t('gtec.pulse.morale')}
        value={a.morale === undefined ? '' : String(a.morale)}
        error={props.errors['pulse.morale']}
        onChange={(e) => set({ morale: e.target.value === '' ? undefined : Number(e.target.value) })}
      >
        <option value="">{t('gtec.pulse.choose')}</option>
        {MORALE.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </Field>
      <Field
        as="textarea"
        id="pulse-needs"
        label={t('gtec.pulse.needs')}
        value={a.needs ?? ''}
        onChange={(e) => set({ needs: e.target.value })}
      />
      {props.rotatingQuestion ? (
        <Field
          as="textarea"
          id="pulse-rotating"
          label={t('gtec.pulse.rotating', { question: props.rotatingQuestion })}
          value={a.rotating ?? ''}
          onChange={(e) => set({ rotating: e.target.value })}
        />
      ) : null}
    </fieldset>
  );
}
