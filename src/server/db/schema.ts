// Every module's tables, gathered for drizzle (queries and migrations). A module's tables stay its own:
// other modules go through its service.

export * from '../lib/rate-limit.tables.ts';
export * from '../modules/accounts/accounts.tables.ts';
export * from '../modules/audit/audit.tables.ts';
export * from '../modules/company-identity/company-identity.tables.ts';
export * from '../modules/events/events.tables.ts';
export * from '../modules/fairs/fairs.tables.ts';
export * from '../modules/gtec/gtec.tables.ts';
export * from '../modules/legal/legal.tables.ts';
export * from '../modules/mail/mail.tables.ts';
export * from '../modules/memberships/memberships.helloasso.tables.ts';
export * from '../modules/memberships/memberships.tables.ts';
export * from '../modules/networking/networking.tables.ts';
export * from '../modules/networking/networking.youth.tables.ts';
export * from '../modules/news/news.tables.ts';
export * from '../modules/newsletters/newsletters.issues.tables.ts';
export * from '../modules/newsletters/newsletters.tables.ts';
export * from '../modules/observatory/observatory.tables.ts';
export * from '../modules/organizations/organizations.tables.ts';
export * from '../modules/privacy/privacy.tables.ts';
export * from '../modules/registrations/registrations.messages.tables.ts';
export * from '../modules/registrations/registrations.tables.ts';
export * from '../modules/relations/relations.tables.ts';
