// SIREN (9 digits) and SIRET (SIREN + 5-digit NIC) both pass the Luhn check, except La Poste (SIREN 356000000),
// whose establishments' SIRETs are checked by a digit sum divisible by 5.

const LA_POSTE_SIREN = '356000000';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Strips spaces, dots and dashes that people type inside identifiers ("123 456 789 00012"). */
export const compactIdentifier = (s: string) => s.replace(/[\s.\-\u00a0]/g, '');

export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && luhnValid(siren);
}

export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    let sum = 0;
    for (const c of siret) sum += c.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  return luhnValid(siret);
}

/** Why a SIRET is refused, in French, or null when it is valid. */
export function siretProblem(siret: string): string | null {
  if (!/^\d+$/.test(siret)) return 'le SIRET ne contient que des chiffres';
  if (siret.length !== 14) return `le SIRET compte 14 chiffres (${siret.length} saisis)`;
  if (!isValidSiret(siret)) return 'clé de contrôle du SIRET invalide';
  return null;
}

export function sirenProblem(siren: string): string | null {
  if (!/^\d+$/.test(siren)) return 'le SIREN ne contient que des chiffres';
  if (siren.length !== 9) return `le SIREN compte 9 chiffres (${siren.length} saisis)`;
  if (!isValidSiren(siren)) return 'clé de contrôle du SIREN invalide';
  return null;
}

/** Appends the Luhn check digit to a string of digits (used to make valid-format demo identifiers). */
export function withLuhnDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = `${partial}${d}`;
    if (luhnValid(candidate)) return candidate;
  }
  throw new Error('unreachable');
}
