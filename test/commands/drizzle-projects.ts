/**
 * Two drizzle-kit projects shaped like public ones, each as the steps of its history: the files of
 * a step are written, then drizzle-kit generates that step's migration.
 */
export interface DrizzleProjectStep {
  readonly name: string;
  readonly files: Record<string, string>;
}

/**
 * A chat app: PascalCase tables and camelCase columns named explicitly, the schema a folder of
 * modules, a central User table, an enum shared by two modules' tables, composite keys (one
 * including `id`), and a module of enums only.
 */
export const CHAT_APP: readonly DrizzleProjectStep[] = [
  {
    name: 'init',
    files: {
      'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema',
  out: './lib/db/migrations',
  dbCredentials: { url: process.env.POSTGRES_URL ?? '' },
});
`,
      'lib/db/schema/enums.ts': `import { pgEnum } from 'drizzle-orm/pg-core';

export const visibility = pgEnum('Visibility', ['public', 'private']);
`,
      'lib/db/schema/user.ts': `import { pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const user = pgTable('User', {
  id: uuid('id').primaryKey().notNull().defaultRandom(),
  email: varchar('email', { length: 64 }).notNull().unique(),
  password: varchar('password', { length: 64 }),
  displayName: text('displayName'),
  createdAt: timestamp('createdAt', { withTimezone: true }).notNull().defaultNow(),
});
`,
      'lib/db/schema/chat.ts': `import { jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { visibility } from './enums';
import { user } from './user';

export const chat = pgTable('Chat', {
  id: uuid('id').primaryKey().notNull().defaultRandom(),
  createdAt: timestamp('createdAt', { withTimezone: true }).notNull().defaultNow(),
  title: text('title').notNull(),
  userId: uuid('userId').notNull().references(() => user.id),
  visibility: visibility('visibility').notNull().default('private'),
});

export const message = pgTable('Message', {
  id: uuid('id').primaryKey().notNull().defaultRandom(),
  chatId: uuid('chatId').notNull().references(() => chat.id),
  role: varchar('role', { length: 16 }).notNull(),
  parts: jsonb('parts').notNull(),
  createdAt: timestamp('createdAt', { withTimezone: true }).notNull().defaultNow(),
});
`,
    },
  },
  {
    name: 'documents',
    files: {
      'lib/db/schema/document.ts': `import { foreignKey, pgTable, primaryKey, text, timestamp, uuid, boolean } from 'drizzle-orm/pg-core';
import { visibility } from './enums';
import { user } from './user';

export const document = pgTable(
  'Document',
  {
    id: uuid('id').notNull().defaultRandom(),
    createdAt: timestamp('createdAt', { withTimezone: true }).notNull().defaultNow(),
    title: text('title').notNull(),
    content: text('content'),
    visibility: visibility('visibility').notNull().default('private'),
    userId: uuid('userId').notNull().references(() => user.id),
  },
  (table) => [primaryKey({ columns: [table.id, table.createdAt] })],
);

export const suggestion = pgTable(
  'Suggestion',
  {
    id: uuid('id').primaryKey().notNull().defaultRandom(),
    documentId: uuid('documentId').notNull(),
    documentCreatedAt: timestamp('documentCreatedAt', { withTimezone: true }).notNull(),
    suggestedText: text('suggestedText').notNull(),
    isResolved: boolean('isResolved').notNull().default(false),
    userId: uuid('userId').notNull().references(() => user.id),
  },
  (table) => [foreignKey({ columns: [table.documentId, table.documentCreatedAt], foreignColumns: [document.id, document.createdAt] })],
);
`,
    },
  },
  {
    name: 'votes',
    files: {
      'lib/db/schema/chat.ts': `import { boolean, jsonb, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { visibility } from './enums';
import { user } from './user';

export const chat = pgTable('Chat', {
  id: uuid('id').primaryKey().notNull().defaultRandom(),
  createdAt: timestamp('createdAt', { withTimezone: true }).notNull().defaultNow(),
  title: text('title').notNull(),
  userId: uuid('userId').notNull().references(() => user.id),
  visibility: visibility('visibility').notNull().default('private'),
  lastContext: jsonb('lastContext'),
});

export const message = pgTable('Message', {
  id: uuid('id').primaryKey().notNull().defaultRandom(),
  chatId: uuid('chatId').notNull().references(() => chat.id),
  role: varchar('role', { length: 16 }).notNull(),
  parts: jsonb('parts').notNull(),
  createdAt: timestamp('createdAt', { withTimezone: true }).notNull().defaultNow(),
});

export const vote = pgTable(
  'Vote',
  {
    chatId: uuid('chatId').notNull().references(() => chat.id),
    messageId: uuid('messageId').notNull().references(() => message.id),
    isUpvoted: boolean('isUpvoted').notNull(),
  },
  (table) => [primaryKey({ columns: [table.chatId, table.messageId] })],
);
`,
    },
  },
];

/**
 * A project tracker: `casing: 'snake_case'` with camelCase keys and no column names, the schema a
 * glob, an `audit` schema, and a users table every other module references.
 */
export const TASK_TRACKER: readonly DrizzleProjectStep[] = [
  {
    name: 'init',
    files: {
      'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema/*.ts',
  out: './drizzle',
  casing: 'snake_case',
  schemaFilter: ['public', 'audit'],
  tablesFilter: ['*'],
  dbCredentials: { url: process.env.DATABASE_URL ?? '' },
});
`,
      'src/server/db/schema/users.ts': `import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: uuid().primaryKey().defaultRandom(),
  email: text().notNull().unique(),
  displayName: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
`,
      'src/server/db/schema/projects.ts': `import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const projects = pgTable('projects', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  ownerId: uuid().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const projectMembers = pgTable(
  'project_members',
  {
    projectId: uuid().notNull().references(() => projects.id),
    userId: uuid().notNull().references(() => users.id),
    role: text().notNull().default('member'),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.userId] })],
);
`,
    },
  },
  {
    name: 'tasks_audit_billing',
    files: {
      'src/server/db/schema/tasks.ts': `import { pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects';
import { users } from './users';

export const taskStatus = pgEnum('task_status', ['todo', 'doing', 'done']);

export const tasks = pgTable('tasks', {
  id: uuid().primaryKey().defaultRandom(),
  projectId: uuid().notNull().references(() => projects.id),
  assigneeId: uuid().references(() => users.id),
  title: text().notNull(),
  status: taskStatus().notNull().default('todo'),
  dueAt: timestamp({ withTimezone: true }),
});

export const taskComments = pgTable('task_comments', {
  id: uuid().primaryKey().defaultRandom(),
  taskId: uuid().notNull().references(() => tasks.id),
  authorId: uuid().notNull().references(() => users.id),
  body: text().notNull(),
});

export const labels = pgTable('labels', {
  id: uuid().primaryKey().defaultRandom(),
  projectId: uuid().notNull().references(() => projects.id),
  name: text().notNull(),
});

export const taskLabels = pgTable(
  'task_labels',
  {
    taskId: uuid().notNull().references(() => tasks.id),
    labelId: uuid().notNull().references(() => labels.id),
  },
  (table) => [primaryKey({ columns: [table.taskId, table.labelId] })],
);
`,
      'src/server/db/schema/audit.ts': `import { pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const audit = pgSchema('audit');

export const auditEvents = audit.table('events', {
  id: uuid().primaryKey().defaultRandom(),
  actorId: uuid().references(() => users.id),
  action: text().notNull(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
`,
      'src/server/db/schema/billing.ts': `import { numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const subscriptions = pgTable('subscriptions', {
  id: uuid().primaryKey().defaultRandom(),
  userId: uuid().notNull().references(() => users.id),
  plan: text().notNull(),
});

export const invoices = pgTable('invoices', {
  id: uuid().primaryKey().defaultRandom(),
  subscriptionId: uuid().notNull().references(() => subscriptions.id),
  amount: numeric({ precision: 12, scale: 2 }).notNull(),
});
`,
    },
  },
];
