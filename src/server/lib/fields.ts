import { z } from 'zod';
import type { CustomReason } from './messages.ts';

// Zod building blocks for the input boundary, to copy into every new schema: identifiers that are real UUIDs,
// text on one line (titles, names), calendar dates and instants within a range PostgreSQL and JavaScript both
// hold. NUL bytes and lone surrogates are refused for every route by validation.ts; these add what depends on
// the field. Each refusal is an issue the error map renders in the request's language, naming the field.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID PostgreSQL's `uuid` type takes (8-4-4-4-12 hex digits): for lookups by id outside a schema. */
export const isUuid = (s: string) => UUID.test(s);

const issue = (reason: CustomReason) => ({ params: { reason } });

/** An id in a path or query (`:id`, `?networkId=`): a real UUID or a 400 naming the field. */
export const uuidField = () => z.guid();

/** `{ id }` path parameters. */
export const idParams = z.object({ id: uuidField() });

/** Whether a text holds no line break nor other control character (a title, a name). */
export const isOneLine = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029) return false;
  }
  return true;
};

/** Adds the one-line rule to a string schema: `oneLine(z.string().trim().min(1).max(200))` for a title or a name. */
export const oneLine = <T extends z.ZodString>(schema: T) => schema.refine(isOneLine, issue('line-break'));

// Calendar dates and instants: JavaScript's Date reaches ±275,760 years and PostgreSQL refuses year 0, so any
// date a client may send is held to a range that makes sense for this product.
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** Whether an instant lies within the range dates are held to (1900–2199). */
export const isDateInRange = (d: Date) =>
  !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= MIN_YEAR && d.getUTCFullYear() <= MAX_YEAR;

/** A calendar date `YYYY-MM-DD` (a real day) between 1900 and 2199. */
export const dateField = () =>
  z.iso.date().refine((s) => isDateInRange(new Date(`${s}T12:00:00Z`)), issue('date-range'));

/** An instant (ISO 8601 with offset, or a local date-time) between 1900 and 2199, as a Date. */
export const dateTimeField = () => z.coerce.date().refine(isDateInRange, issue('date-range'));
