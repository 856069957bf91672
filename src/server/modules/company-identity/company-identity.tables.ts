import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * INSEE's labels of the legal categories (niveau III, 4 digits), imported from INSEE's nomenclature file by
 * `maillage import legal-categories`. Empty on a fresh install: the labels then fall back to the ESS family.
 */
export const legalCategoryLabels = pgTable('legal_category_labels', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});
