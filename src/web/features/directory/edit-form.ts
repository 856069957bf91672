import type { ApiError } from '../../lib/api.ts';
import type { Organization } from './types.ts';

// The organisation edit form's state and the checks made before asking the server.

export const textFields = [
  'name',
  'acronym',
  'siret',
  'legalCategory',
  'address',
  'postalCode',
  'website',
  'email',
  'phone',
  'description',
] as const;
export type Form = Record<
  (typeof textFields)[number] | 'nafCode' | 'headcountBracket' | 'communeCode' | 'tags',
  string
> & {
  esus: boolean;
};

export function toForm(org: Organization): Form {
  const form = {} as Form;
  for (const key of textFields) form[key] = org[key] ?? '';
  form.nafCode = org.nafCode ?? '';
  form.headcountBracket = org.headcountBracket ?? '';
  form.communeCode = org.communeCode ?? '';
  form.tags = org.tags.join(', ');
  form.esus = org.esus;
  return form;
}

/** An empty form, for a new organisation. */
export function emptyForm(): Form {
  const form = {} as Form;
  for (const key of textFields) form[key] = '';
  return { ...form, nafCode: '', headcountBracket: '', communeCode: '', tags: '', esus: false };
}

const splitTags = (s: string) => [
  ...new Set(
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

/** Only what changed is sent, so that a field the actor did not touch is never rewritten. */
export function changes(before: Form, after: Form): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Form)[]) {
    if (after[key] === before[key]) continue;
    if (key === 'tags') out.tags = splitTags(after.tags);
    else if (key === 'esus') out.esus = after.esus;
    else if (key === 'siret') out.siret = after.siret.replace(/\s/g, '');
    else out[key] = after[key];
  }
  return out;
}

/** Checks the browser can make before asking the server (which checks everything again). */
export function clientErrors(form: Form, t: (key: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors.name = t('directory.edit.errors.name');
  const siret = form.siret.replace(/\s/g, '');
  if (siret && !/^\d{14}$/.test(siret)) errors.siret = t('directory.edit.errors.siret');
  if (form.postalCode.trim() && !/^\d{5}$/.test(form.postalCode.trim()))
    errors.postalCode = t('directory.edit.errors.postalCode');
  if (form.website.trim() && !/^https?:\/\//i.test(form.website.trim()))
    errors.website = t('directory.edit.errors.website');
  return errors;
}

/** The existing organisation named by a 409 on the SIRET (id from the error details or its message). */
export function conflictTarget(err: ApiError): { id: string; name?: string } | null {
  const details = err.body as { id?: string; name?: string; details?: { id?: string; name?: string } };
  const id = details.details?.id ?? details.id ?? err.message.match(/[0-9a-f]{8}-[0-9a-f-]{27}/i)?.[0];
  return id ? { id, name: details.details?.name ?? details.name } : null;
}

/** The body of POST /api/organizations: every field filled in. */
export function createBody(form: Form): Record<string, unknown> {
  const body = changes(emptyForm(), form);
  if (body.tags && (body.tags as string[]).length === 0) delete body.tags;
  return body;
}
