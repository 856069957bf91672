import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HelloAssoOrder } from './helloasso.client.ts';

// A local HTTP peer that answers like HelloAsso's API v5 (the only fake of the HelloAsso tests): the OAuth2 token
// endpoint (checks the client credentials), a membership form's orders two per page, and one order by id.

export type PeerOptions = {
  clientId: string;
  clientSecret: string;
  organizationSlug: string;
  formSlug: string;
};

export async function startHelloAssoPeer(opts: PeerOptions) {
  const orders: HelloAssoOrder[] = [];
  const tokens = new Set<string>();
  const seen = { tokenRequests: 0, pages: [] as number[], orderReads: [] as number[] };
  let expiresIn = 1800;
  let issued = 0;

  const json = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => resolve(body));
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    if (req.method === 'POST' && url.pathname === '/oauth2/token') {
      seen.tokenRequests++;
      const form = new URLSearchParams(await read(req));
      const good =
        req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') &&
        form.get('grant_type') === 'client_credentials' &&
        form.get('client_id') === opts.clientId &&
        form.get('client_secret') === opts.clientSecret;
      if (!good) return json(res, 400, { error: 'unauthorized_client' });
      const token = `token-${++issued}`;
      tokens.add(token);
      return json(res, 200, {
        access_token: token,
        token_type: 'bearer',
        expires_in: expiresIn,
        refresh_token: 'r',
      });
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return json(res, 401);
    const list = /^\/v5\/organizations\/([^/]+)\/forms\/Membership\/([^/]+)\/orders$/.exec(url.pathname);
    if (req.method === 'GET' && list) {
      if (list[1] !== opts.organizationSlug || list[2] !== opts.formSlug) return json(res, 404);
      const pageIndex = Number(url.searchParams.get('pageIndex') ?? 1);
      const pageSize = Math.min(Number(url.searchParams.get('pageSize') ?? 20), 2); // HelloAsso caps it too
      seen.pages.push(pageIndex);
      return json(res, 200, {
        data: orders.slice((pageIndex - 1) * pageSize, pageIndex * pageSize),
        pagination: {
          pageSize,
          pageIndex,
          totalCount: orders.length,
          totalPages: Math.ceil(orders.length / pageSize),
          continuationToken: 'x',
        },
      });
    }
    const one = /^\/v5\/orders\/(\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      seen.orderReads.push(Number(one[1]));
      const order = orders.find((o) => o.id === Number(one[1]));
      return order ? json(res, 200, order) : json(res, 404);
    }
    return json(res, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/v5`,
    orders,
    seen,
    /** Every token issued so far stops working (HelloAsso then answers 401). */
    revokeTokens: () => tokens.clear(),
    setExpiresIn: (seconds: number) => {
      expiresIn = seconds;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A membership order as HelloAsso lists it: paid by card (Authorized) unless `state` says otherwise. */
export function membershipOrder(
  id: number,
  o: {
    email?: string | null;
    amountCents: number;
    date?: string;
    siret?: string;
    state?: string;
    organizationSlug?: string;
    formSlug?: string;
  },
): HelloAssoOrder {
  const date = o.date ?? '2026-03-12T10:15:00+01:00';
  return {
    id,
    date,
    formSlug: o.formSlug ?? 'adhesion-2026',
    formType: 'Membership',
    organizationSlug: o.organizationSlug ?? 'club-test',
    payer: { email: o.email ?? undefined, firstName: 'Claire', lastName: `Payeuse ${id}` },
    amount: { total: o.amountCents, vat: 0, discount: 0 },
    items: [
      {
        id: id * 10,
        name: 'Adhésion 2026',
        type: 'Membership',
        state: 'Processed',
        amount: o.amountCents,
        customFields: o.siret
          ? [{ id: 1, name: 'SIRET de votre entreprise', type: 'TextInput', answer: o.siret }]
          : [],
      },
    ],
    payments: [
      {
        id: id * 100,
        amount: o.amountCents,
        date,
        paymentMeans: 'Card',
        state: (o.state ?? 'Authorized') as 'Authorized',
        type: 'Credit',
      },
    ],
  };
}
