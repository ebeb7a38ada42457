import { z } from 'zod';
import { RULE_IDS, RULE_SETTINGS } from '../lint/rule-ids.js';

const nonEmpty = z.string().min(1, 'must not be empty');

const codegenSchema = z.strictObject({
  camelCase: z.boolean().optional(),
  runtimeEnums: z.union([z.boolean(), z.enum(['pascal-case', 'screaming-snake-case'])]).optional(),
  typeOnlyImports: z.boolean().optional(),
  dateParser: z.enum(['string', 'timestamp']).optional(),
  numericParser: z.enum(['number', 'number-or-string', 'string']).optional(),
  typeMapping: z.record(z.string(), z.string()).optional(),
  customImports: z.record(z.string(), z.string()).optional(),
});

/** What `check` makes of a boundary rule's violations that the baseline does not accept. */
export const BOUNDARY_SEVERITIES = ['error', 'warn', 'off'] as const;
export type BoundarySeverity = (typeof BOUNDARY_SEVERITIES)[number];

export const SECTION_NAME = /^[a-z][a-zA-Z0-9_]*$/;

const sectionSchema = z.strictObject({
  schema: nonEmpty,
  types: nonEmpty,
  include: nonEmpty.optional(),
  exclude: nonEmpty.optional(),
  extraTables: z.array(nonEmpty).optional(),
  features: nonEmpty.optional(),
  codegen: codegenSchema.optional(),
});

export const configSchema = z.strictObject({
  migrations: nonEmpty,
  // May be empty (`sections init --empty`): commands that need a section say so themselves.
  sections: z.record(z.string().regex(SECTION_NAME, 'section names are identifiers: a lowercase letter, then letters, digits or _'), sectionSchema),
  codegen: codegenSchema.optional(),
  drizzle: z.strictObject({ casing: z.enum(['snake_case', 'camelCase']).optional() }).optional(),
  database: z
    .strictObject({ url: nonEmpty.optional(), local: z.boolean().optional(), dataDir: nonEmpty.optional() })
    .refine((database) => !(database.url !== undefined && database.local), { message: 'url and local: true name two different databases; keep one', path: ['local'] })
    .optional(),
  shadow: z.strictObject({ url: nonEmpty.optional() }).optional(),
  features: nonEmpty.optional(),
  connections: nonEmpty.optional(),
  templates: nonEmpty.optional(),
  // Table names as PostgreSQL keeps them (`User`, `auth.users`): any case, optionally schema-qualified.
  publicIdReferences: z
    .record(z.string().regex(/^[^.]+\.[^.]+(?:\.[^.]+)?$/, 'keys are <table>.<column> or <schema>.<table>.<column>'), z.string().regex(/^[^.]+(?:\.[^.]+)?$/, 'values are <table> or <schema>.<table>'))
    .optional(),
  missingStubs: z.enum(['error', 'warn']).optional(),
  boundaries: z.strictObject({ foreignKeys: z.enum(BOUNDARY_SEVERITIES).optional(), imports: z.enum(BOUNDARY_SEVERITIES).optional() }).optional(),
  lint: z
    .strictObject({
      rules: z.strictObject(Object.fromEntries(RULE_IDS.map((id) => [id, z.enum(RULE_SETTINGS).optional()]))).optional(),
    })
    .optional(),
});

/** One line per problem: `<dot.path>: <what is wrong>`. */
export function describeConfigIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => (path ? `${path}.${key}` : key));
      return `unknown key ${keys.map((key) => `'${key}'`).join(', ')}`;
    }
    if (issue.code === 'invalid_key') {
      return `${path}: ${issue.issues[0]?.message ?? issue.message}`;
    }
    return `${path || '(root)'}: ${issue.message}`;
  });
}
