import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { errorBody } from '../../lib/http.ts';
import { accountOut, emailField, localeField, messageOut, nameField } from './accounts.schemas.ts';
import { getMe, publicAccount } from './accounts.service.ts';
import { createAuthLimits } from './auth.limits.ts';
import {
  createBackground,
  requestLoginLink,
  requestPasswordReset,
  resetPassword,
  type SignedIn,
  signIn,
  signInWithLink,
  signUp,
} from './auth.service.ts';
import { changePassword, updateProfile } from './profile.service.ts';
import { deleteSession, SESSION_COOKIE } from './sessions.ts';

/** Secure cookies when the visitor came over HTTPS (directly or through a proxy) or the public URL is HTTPS. */
export function sessionCookieOptions(request: FastifyRequest, publicUrl: string, expires?: Date) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: request.protocol === 'https' || publicUrl.startsWith('https:'),
    ...(expires ? { expires } : {}),
  };
}

const tokenField = z.string().min(10).max(200);
const signedInOut = z.object({ account: accountOut });
const errors = { 400: errorBody, 401: errorBody, 429: errorBody };
const meOut = z.object({
  account: accountOut.nullable(),
  networks: z.array(
    z.object({ id: z.uuid(), slug: z.string(), name: z.string(), kind: z.string(), role: z.string() }),
  ),
  organizations: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

export function authRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authDeps = { ...deps, limits: createAuthLimits(deps), background: createBackground(deps.log) };
  app.addHook('onClose', () => authDeps.background.drain());
  // Tell clients when to come back after a refusal for too many attempts.
  app.addHook('onError', async (_req, reply, err) => {
    const retryAfterMs = err instanceof AppError ? err.details?.retryAfterMs : undefined;
    if (typeof retryAfterMs === 'number') reply.header('retry-after', Math.ceil(retryAfterMs / 1000));
  });
  const ctx = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });
  // For the answers that must take the same time whoever asks: the work that depends on the address starts once
  // the answer has been written out.
  const answeredCtx = (req: FastifyRequest, reply: FastifyReply) => ({
    ...ctx(req),
    answered: new Promise<void>((resolve) => {
      reply.raw.once('finish', resolve);
      reply.raw.once('close', resolve);
    }),
  });
  const startSession = (req: FastifyRequest, reply: FastifyReply, signedIn: SignedIn) => {
    reply.setCookie(
      SESSION_COOKIE,
      signedIn.session.token,
      sessionCookieOptions(req, deps.config.publicUrl, signedIn.session.expiresAt),
    );
    return { account: publicAccount(signedIn.account) };
  };

  r.post(
    '/api/auth/sign-up',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Create an account. Always 202: the address receives a confirmation link, or, when it already has an account, a note to its owner. `locale` is the language the person signs up in (the web app sends its current one; French when absent): the new account and its welcome mail use it.',
        body: z.strictObject({
          email: emailField,
          name: nameField,
          password: z.string().max(1000),
          locale: localeField.optional(),
        }),
        response: { 202: messageOut, ...errors },
      },
    },
    async (req, reply) => reply.status(202).send(await signUp(authDeps, req.body, ctx(req))),
  );

  r.post(
    '/api/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password (sets the session cookie)',
        body: z.strictObject({ email: emailField, password: z.string().max(1000) }),
        response: { 200: signedInOut, ...errors },
      },
    },
    async (req, reply) => startSession(req, reply, await signIn(authDeps, req.body, ctx(req))),
  );

  r.post(
    '/api/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'End the current session' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await deleteSession(deps.db, token);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, deps.config.publicUrl));
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/auth/magic-link',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Email a one-time sign-in link (15 min). Same answer whether the address has an account or not.',
        body: z.strictObject({ email: emailField }),
        response: { 202: messageOut, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await requestLoginLink(authDeps, req.body, answeredCtx(req, reply))),
  );

  r.post(
    '/api/auth/magic-link/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with the token of an emailed link (single use; confirms the address)',
        body: z.strictObject({ token: tokenField }),
        response: { 200: signedInOut, ...errors },
      },
    },
    async (req, reply) => startSession(req, reply, await signInWithLink(authDeps, req.body, ctx(req))),
  );

  r.post(
    '/api/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Email a password-reset link (1 h). Same answer whether the address has an account or not.',
        body: z.strictObject({ email: emailField }),
        response: { 202: messageOut, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await requestPasswordReset(authDeps, req.body, answeredCtx(req, reply))),
  );

  r.post(
    '/api/auth/password-reset/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a reset token (single use); ends every other session',
        body: z.strictObject({ token: tokenField, password: z.string().max(1000) }),
        response: { 200: signedInOut, ...errors },
      },
    },
    async (req, reply) => startSession(req, reply, await resetPassword(authDeps, req.body, ctx(req))),
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Change the password (current one required when the account has one); ends the other sessions',
        body: z.strictObject({
          currentPassword: z.string().max(1000).optional(),
          password: z.string().max(1000),
        }),
        response: { 200: signedInOut, ...errors },
      },
    },
    async (req) => {
      const account = await changePassword(authDeps, req.actor, req.body, {
        ip: req.ip,
        keepToken: req.cookies[SESSION_COOKIE],
      });
      return { account: publicAccount(account) };
    },
  );

  r.patch(
    '/api/me',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Change one’s display name or language (fr or en: the web app’s language when signed in, and the language of the mails the account receives)',
        body: z.strictObject({ name: nameField.optional(), locale: localeField.optional() }),
        response: { 200: meOut, ...errors },
      },
    },
    async (req) => {
      await updateProfile(deps, req.actor, req.body);
      return getMe(deps.db, req.actor);
    },
  );

  r.get(
    '/api/me',
    {
      schema: {
        tags: ['auth'],
        summary:
          'The signed-in account (or null) with its language, its networks with its role, and the organisations it edits',
        response: { 200: meOut },
      },
    },
    async (req) => getMe(deps.db, req.actor),
  );
}
