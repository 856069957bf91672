import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { networks } from '../accounts/accounts.tables.ts';

/**
 * What a network publishes about itself as a publisher and data controller (mentions légales, confidentialité):
 * filled by its coordinators, shown on the public legal pages. One row per network, absent until first saved.
 */
export const networkLegalDetails = pgTable('network_legal_details', {
  networkId: uuid('network_id')
    .primaryKey()
    .references(() => networks.id, { onDelete: 'cascade' }),
  /** Legal name of the organisation behind the network (the association or company that runs it). */
  legalName: text('legal_name').notNull(),
  address: text('address').notNull(),
  siret: text('siret'),
  /** Directeur ou directrice de la publication (loi du 21 juin 2004, art. 6). */
  publicationDirector: text('publication_director').notNull(),
  /** Where a person writes to see, correct or erase their data (e-mail or postal address). */
  dataContact: text('data_contact').notNull(),
  /** Who hosts the installation for this network: name, address, phone (loi du 21 juin 2004, art. 6). */
  host: text('host').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
