import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { DatabaseKind, Db } from './db/client.ts';
import type { Mailer } from './modules/mail/mail.service.ts';

/** Who is acting. `null` is an anonymous visitor; the system (CLI, seed, imports) is `systemActor`. */
export type Actor = {
  accountId: string | null;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  /** The account's language (fr unless chosen), for messages when the request does not say. */
  locale?: 'fr' | 'en';
};

export const systemActor: Actor = {
  accountId: null,
  email: 'system',
  name: 'Système',
  isPlatformAdmin: true,
};

export type Clock = () => Date;

/** Everything the application is built from; a service takes only the parts it uses (`Pick<Deps, 'db'>`). */
export type Deps = {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  mailer: Mailer;
  clock: Clock;
  log: FastifyBaseLogger;
};
