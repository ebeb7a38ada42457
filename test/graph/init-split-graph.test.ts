import { describe, expect, it } from 'vitest';
import { renderMermaid } from '../../src/graph/render-mermaid.js';
import type { SectionGraph } from '../../src/graph/section-graph.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';

/** A team-billing app in one schema module: PascalCase tables, camelCase columns, a central User. */
const FILES = {
  'drizzle.config.ts': "export default { dialect: 'postgresql', schema: './src/db/schema.ts', out: './drizzle' };\n",
  'src/db/schema.ts': `import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const User = pgTable('User', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
});

export const Team = pgTable('Team', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
});

export const Membership = pgTable('Membership', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('userId').notNull().references(() => User.id),
  teamId: uuid('teamId').notNull().references(() => Team.id),
});

export const Invoice = pgTable('Invoice', {
  id: uuid('id').primaryKey().defaultRandom(),
  teamId: uuid('teamId').notNull().references(() => Team.id),
});

export const InvoiceLine = pgTable('InvoiceLine', {
  id: uuid('id').primaryKey().defaultRandom(),
  invoiceId: uuid('invoiceId').notNull().references(() => Invoice.id),
  amountCents: integer('amountCents').notNull(),
});

export const Payment = pgTable('Payment', {
  id: uuid('id').primaryKey().defaultRandom(),
  invoiceId: uuid('invoiceId').notNull().references(() => Invoice.id),
  paidById: uuid('paidById').notNull().references(() => User.id),
});
`,
};

interface ProposalJson {
  sections: { name: string; tables: string[] }[];
  crossSectionForeignKeys: { from: string; to: string }[];
  graph: SectionGraph;
}

describe('init --from-drizzle --split --dry-run', () => {
  it('shows the proposed split as Mermaid, the keys it cuts as new violations, and writes nothing', async () => {
    const project = createTempProject({ files: FILES });
    const before = project.snapshot();
    const json = await runCli(['init', '--from-drizzle', '--split', '2', '--dry-run', '--json'], { cwd: project.dir });
    expect(json.exitCode, json.stderr).toBe(0);
    const proposal = JSON.parse(json.stdout) as ProposalJson;
    expect(proposal.sections).toHaveLength(2);
    expect(proposal.graph.sections.map((section) => [section.name, section.tables.map((table) => table.label)])).toEqual(proposal.sections.map((section) => [section.name, section.tables]));
    expect(proposal.graph.edges).toHaveLength(6);
    const cut = proposal.graph.edges.filter((edge) => edge.boundary === 'new').map((edge) => ({ from: edge.from.replace(/^public\./, ''), to: edge.to.replace(/^public\./, '') }));
    expect(cut.length).toBeGreaterThan(0);
    expect(cut).toEqual(proposal.crossSectionForeignKeys);

    const human = await runCli(['init', '--from-drizzle', '--split', '2', '--dry-run'], { cwd: project.dir });
    expect(human.exitCode, human.stderr).toBe(0);
    const mermaid = renderMermaid(proposal.graph);
    expect(`${human.stdout}\n`.endsWith(mermaid)).toBe(true);
    for (const table of ['User', 'Team', 'Membership', 'Invoice', 'InvoiceLine', 'Payment']) expect(mermaid).toContain(`t_${table}["${table}"]`);
    expect(mermaid.match(/==>\|"new"\|/g)).toHaveLength(cut.length);
    expect(mermaid).toContain('classDef newViolation');
    expect(project.snapshot()).toEqual(before);
  });

  it('without --split, the dry run stays a list', async () => {
    const project = createTempProject({ files: FILES });
    const result = await runCli(['init', '--from-drizzle', '--dry-run'], { cwd: project.dir });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('flowchart');
  });
});
