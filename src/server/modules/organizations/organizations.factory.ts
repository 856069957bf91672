import type { Actor, Deps } from '../../context.ts';
import { systemActor } from '../../context.ts';
import { withLuhnDigit } from '../company-identity/siret.ts';
import type { CreateOrganizationInput, OrganizationDetail } from './organizations.schemas.ts';
import { createOrganization } from './organizations.service.ts';

// Test factory: a valid organisation in Grand Est (Nancy by default) with a fresh valid SIRET, created through the
// service (so rules, derivations and the audit log apply). Override any field; pass `actor` to create as someone else.

let sequence = 0;

/** A fresh Luhn-valid SIRET (9-digit SIREN + NIC 00012), different on every call within a process. */
export function nextSiret(): string {
  sequence += 1;
  const seed = `${Date.now() % 1_000_000}${process.pid % 100}${sequence}`.padStart(8, '0').slice(-8);
  const siren = withLuhnDigit(seed);
  return withLuhnDigit(`${siren}0001`);
}

export async function buildOrganization(
  deps: Pick<Deps, 'db'>,
  overrides: Partial<CreateOrganizationInput> & { actor?: Actor; isDemo?: boolean } = {},
): Promise<OrganizationDetail> {
  const { actor = systemActor, ...fields } = overrides;
  sequence += 1;
  return createOrganization(deps, actor, {
    name: `Association d’essai ${sequence}`,
    siret: nextSiret(),
    legalCategory: '9220',
    nafCode: '88.99B',
    communeCode: '54395',
    postalCode: '54000',
    headcountBracket: '03',
    tags: [],
    ...fields,
  });
}
