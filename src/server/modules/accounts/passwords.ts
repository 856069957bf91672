import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** The reason a password is refused, in French for the form, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Le mot de passe doit contenir au plus ${MAX_PASSWORD_LENGTH} caractères`;
  if (password.trim().length === 0) return 'Le mot de passe ne peut pas être fait que d’espaces';
  return null;
}

/** argon2id with the library's defaults (OWASP's m=19 MiB, t=2, p=1). */
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so that a wrong email costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('maillage-dummy-password');
  return dummyHash;
}
