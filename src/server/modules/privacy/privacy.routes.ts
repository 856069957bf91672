import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import { emailBody, privacyErasureRoutes } from './privacy.erasure.routes.ts';
import { createPrivacyLimits, downloadExport, exportForAdmin, requestExport } from './privacy.service.ts';
import { privacySettingsRoutes } from './privacy.settings.routes.ts';

// A person's data: the public request form (a link mailed to the address), the link's download, and the platform
// admin's export of any address.

const tags = ['privacy'];
const zipReply = (fileName: string) => ({
  'content-type': 'application/zip',
  'content-disposition': `attachment; filename="${fileName}"`,
  'cache-control': 'private, no-store',
});

export function privacyRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = createPrivacyLimits(deps);
  privacyErasureRoutes(app, deps, limits);
  privacySettingsRoutes(app, deps);

  r.post(
    '/api/privacy/export-requests',
    {
      schema: {
        tags,
        summary:
          'Ask for one’s personal data: a link is mailed to the address if the platform holds anything about it (same answer either way)',
        body: emailBody,
        response: { 202: z.object({ message: z.string() }), 429: errorBody },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await requestExport(deps, limits, { email: req.body.email, ip: req.ip })),
  );
  r.get(
    '/api/privacy/exports/:token',
    {
      schema: {
        tags,
        summary: 'The zip of one’s personal data, through the mailed link (valid 30 minutes)',
        params: z.object({ token: z.string().max(200) }),
      },
    },
    async (req, reply) => {
      const { zip, fileName } = await downloadExport(deps, req.params.token);
      return reply.headers(zipReply(fileName)).send(Buffer.from(zip));
    },
  );
  r.post(
    '/api/admin/privacy/export',
    {
      schema: {
        tags,
        summary: 'The zip of everything the platform holds about an address (platform admin)',
        body: emailBody,
      },
    },
    async (req, reply) => {
      const { zip, fileName } = await exportForAdmin(deps, req.actor, req.body.email);
      return reply.headers(zipReply(fileName)).send(Buffer.from(zip));
    },
  );
}
