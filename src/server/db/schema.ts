// Every module's tables, gathered for drizzle (queries and migrations). A module's tables stay its own:
// other modules go through its service.
export * from '../modules/accounts/accounts.tables.ts';
export * from '../modules/audit/audit.tables.ts';
export * from '../modules/events/events.tables.ts';
export * from '../modules/fairs/fairs.tables.ts';
export * from '../modules/mail/mail.tables.ts';
export * from '../modules/observatory/observatory.tables.ts';
export * from '../modules/organizations/organizations.tables.ts';
export * from '../modules/registrations/registrations.tables.ts';
