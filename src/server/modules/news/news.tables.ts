import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { networks } from '../accounts/accounts.tables.ts';

// A network's news: posts written by its staff (Markdown), their categories and their image. A draft is its staff's
// alone; a published post is public from its publication date.

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({ dataType: () => 'bytea' });

/** A category of a network's news ("Vie du club", "Mois de l’ESS"). */
export const newsCategories = pgTable(
  'news_categories',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('news_categories_name').on(t.networkId, t.name)],
);

export const newsPosts = pgTable(
  'news_posts',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Markdown, sanitised when rendered. */
    body: text('body').notNull().default(''),
    /** Categories of the same network. */
    categoryIds: uuid('category_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** draft | published */
    status: text('status').notNull().default('draft'),
    /** Set on publication: the post is public from then (a date ahead schedules it). */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    imageId: uuid('image_id'),
    /** The image's text alternative, for readers who do not see it. */
    imageAlt: text('image_alt'),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('news_posts_network').on(t.networkId, t.status, t.publishedAt)],
);

/** A post's image, in the database (bytea) like the events' images: backups and both engines carry it. */
export const newsImages = pgTable('news_images', {
  id: id(),
  postId: uuid('post_id')
    .notNull()
    .references(() => newsPosts.id, { onDelete: 'cascade' }),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: createdAt(),
});
