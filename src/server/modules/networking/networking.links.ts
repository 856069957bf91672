import { createHash, createHmac } from 'node:crypto';

// The personal links of an introduction, one per side: derived from the session secret (so that the follow-up
// mail can carry the same link weeks later), stored only as a hash (looked up by it).

export type Side = 'a' | 'b';

export const introductionToken = (secret: string, introductionId: string, side: Side) =>
  createHmac('sha256', `introduction:${secret}`).update(`${introductionId}:${side}`).digest('base64url');

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export const introductionLink = (publicUrl: string, token: string) =>
  `${publicUrl}/mises-en-relation/reponse/${token}`;
