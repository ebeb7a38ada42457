/**
 * A project shaped like the public drizzle apps sections is used on: PascalCase tables with
 * camelCase columns (so its sections' types use the names as they are, `camelCase: false`), a
 * central `User` every section points at, an `auth` schema with its own `User`, a message table
 * keyed by `(id, createdAt)` (a version per edit), a versioned table whose public id repeats, a
 * table without a primary key, an enum of one
 * section used by another's table, and drizzle relations into another section.
 */
export const REAL_SHAPE_CONFIG = `export default {
  migrations: './db/migrations',
  features: './features',
  codegen: { camelCase: false },
  sections: {
    identity: { schema: './db/identity/schema.ts', types: './db/identity/types.ts' },
    chat: { schema: './db/chat/schema.ts', types: './db/chat/types.ts' },
  },
};
`;

export const IDENTITY_SCHEMA = `import { pgEnum, pgSchema, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const Status = pgEnum('Status', ['active', 'archived']);

export const User = pgTable('User', {
  id: uuid('id').primaryKey().defaultRandom(),
  publicId: uuid('publicId').notNull().unique().defaultRandom(),
  email: text('email').notNull().unique(),
  status: Status('status').notNull().default('active'),
  createdAt: timestamp('createdAt', { withTimezone: true }).notNull().defaultNow(),
});

export const auth = pgSchema('auth');

/** The auth provider's own users, beside the app's: same name, other schema. */
export const AuthUser = auth.table('User', {
  id: uuid('id').primaryKey().defaultRandom(),
  publicId: uuid('publicId').notNull().unique().defaultRandom(),
  email: text('email').notNull(),
  provider: text('provider').notNull(),
});
`;

export const CHAT_SCHEMA = `import { relations } from 'drizzle-orm';
import { bigint, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { Status, User } from '../identity/schema.js';

export const Chat = pgTable('Chat', {
  id: uuid('id').primaryKey().defaultRandom(),
  publicId: uuid('publicId').notNull().unique().defaultRandom(),
  title: text('title').notNull(),
  userId: uuid('userId').notNull().references(() => User.id),
  userPublicId: uuid('userPublicId').notNull(),
  status: Status('status').notNull().default('active'),
});

export const Message = pgTable(
  'Message',
  {
    id: uuid('id').notNull().defaultRandom(),
    createdAt: timestamp('createdAt', { withTimezone: true }).notNull().defaultNow(),
    publicId: uuid('publicId').notNull().unique().defaultRandom(),
    chatId: uuid('chatId').notNull().references(() => Chat.id),
    content: text('content').notNull(),
  },
  (table) => [primaryKey({ columns: [table.id, table.createdAt] })],
);

/** A chat's pinned summary, kept as versions: each version repeats the summary's public id. */
export const Summary = pgTable(
  'Summary',
  {
    id: uuid('id').notNull().defaultRandom(),
    version: bigint('version', { mode: 'number' }).notNull(),
    publicId: uuid('publicId').notNull().defaultRandom(),
    chatPublicId: uuid('chatPublicId').notNull(),
    text: text('text').notNull(),
  },
  (table) => [primaryKey({ columns: [table.id, table.version] })],
);

export const ChatEvent = pgTable('ChatEvent', {
  chatId: uuid('chatId').notNull().references(() => Chat.id),
  kind: text('kind').notNull(),
});

export const chatRelations = relations(Chat, ({ one, many }) => ({
  user: one(User, { fields: [Chat.userId], references: [User.id] }),
  messages: many(Message),
}));

export const messageRelations = relations(Message, ({ one }) => ({
  chat: one(Chat, { fields: [Message.chatId], references: [Chat.id] }),
}));
`;

export function realShapeFiles(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'sections.config.ts': REAL_SHAPE_CONFIG,
    'db/identity/schema.ts': IDENTITY_SCHEMA,
    'db/chat/schema.ts': CHAT_SCHEMA,
    ...overrides,
  };
}
