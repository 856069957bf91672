import { expect, it } from 'vitest';
import { type Translate, translate } from '../../lib/i18n.tsx';
import { offsetFrom, pinInWords } from './pin-words.ts';

// The pin in words, as a screen reader hears it under the event form's map.

const nancy = { name: 'Nancy', latitude: 48.6921, longitude: 6.1844 };
const fr = (n: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat('fr-FR', o).format(n);
const en = (n: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat('en-GB', o).format(n);
const tFr: Translate = (key, vars) => translate('fr', key, vars);
const tEn: Translate = (key, vars) => translate('en', key, vars);

it('gives the distance and direction from the commune’s centre', () => {
  // 0.0078° of latitude ≈ 870 m north, 0.0118° of longitude ≈ 870 m east at Nancy's latitude: 1.2 km north-east.
  const pin = { latitude: 48.6999, longitude: 6.1962 };
  expect(offsetFrom(nancy, pin).direction).toBe('ne');
  expect(pinInWords(pin, nancy, tFr, fr)).toBe('Épingle à 1,2 km au nord-est du centre de Nancy.');
  expect(pinInWords(pin, nancy, tEn, en)).toBe('Pin 1.2 km north-east of the centre of Nancy.');
  expect(pinInWords({ latitude: 48.6921, longitude: 6.1784 }, nancy, tFr, fr)).toBe(
    'Épingle à 440 m à l’ouest du centre de Nancy.',
  );
  expect(pinInWords({ latitude: 48.6922, longitude: 6.1845 }, nancy, tFr, fr)).toBe(
    'Épingle au centre de Nancy.',
  );
});

it('falls back on latitude and longitude with French decimal commas, and says when there is no pin', () => {
  const pin = { latitude: 48.6921234, longitude: 6.1844321 };
  expect(pinInWords(pin, null, tFr, fr)).toBe('Épingle à 48,69212° de latitude, 6,18443° de longitude.');
  expect(pinInWords(pin, null, tEn, en)).toBe('Pin at latitude 48.69212°, longitude 6.18443°.');
  expect(pinInWords(null, nancy, tFr, fr)).toMatch(/^Pas encore d’épingle/);
});
