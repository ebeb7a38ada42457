import { describe, expect, it } from 'vitest';
import { addSchemaToDrizzleConfig, addSectionToConfig } from '../../src/edit/config-module-edit.js';

const entry = { schema: './db/billing/schema.ts', types: './db/billing/types.ts' };
const added = "billing: { schema: './db/billing/schema.ts', types: './db/billing/types.ts' }";

describe('addSectionToConfig', () => {
  it('appends to a multi-line sections object in its layout, after a trailing comma and its line comment', () => {
    const text = `import type { SectionsConfig } from 'drizzle-sections';

export default {
  migrations: './db/migrations',
  sections: {
    core: { schema: './db/core/schema.ts', types: './db/core/types.ts' }, // the original
  },
} satisfies SectionsConfig;
`;
    expect(addSectionToConfig(text, 'sections.config.ts', 'billing', entry)).toBe(
      text.replace('// the original\n', `// the original\n    ${added},\n`),
    );
  });

  it('handles defineConfig(...), a const, no trailing comma, and a one-line object', () => {
    const viaCall = "export default defineConfig({ migrations: 'm', sections: { core: { schema: 'a', types: 'b' } } });\n";
    expect(addSectionToConfig(viaCall, 'sections.config.mts', 'billing', entry)).toBe(viaCall.replace("types: 'b' }", `types: 'b' }, ${added}`));
    const viaConst = "const config = {\n\tsections: {\n\t\tcore: { schema: 'a', types: 'b' }\n\t},\n};\nexport default config;\n";
    expect(addSectionToConfig(viaConst, 'sections.config.js', 'billing', entry)).toBe(viaConst.replace("types: 'b' }\n", `types: 'b' },\n\t\t${added}\n`));
  });

  it('re-serialises a JSON config with its indent', () => {
    const text = '{\n    "migrations": "m",\n    "sections": {\n        "core": { "schema": "a", "types": "b" }\n    }\n}\n';
    expect(JSON.parse(addSectionToConfig(text, 'sections.config.json', 'billing', entry))).toEqual({ migrations: 'm', sections: { core: { schema: 'a', types: 'b' }, billing: entry } });
    expect(addSectionToConfig(text, 'sections.config.json', 'billing', entry)).toContain('\n    "sections": {\n        "core": {\n');
  });

  it('refuses a config whose sections object it cannot find, saying what to add', () => {
    expect(() => addSectionToConfig('export default makeConfig();\n', 'sections.config.ts', 'billing', entry)).toThrow(
      `sections.config.ts: cannot find the \`sections: { ... }\` object of its default export; add \`${added}\` by hand`,
    );
  });
});

describe('addSchemaToDrizzleConfig', () => {
  it('extends a schema array, turns a single schema into a list, and gives up on anything else', () => {
    const list = "export default defineConfig({\n  schema: [\n    './a.ts',\n  ],\n  out: './m',\n});\n";
    expect(addSchemaToDrizzleConfig(list, 'drizzle.config.ts', './b.ts')).toBe(list.replace("'./a.ts',\n", "'./a.ts',\n    './b.ts',\n"));
    const single = "export default { schema: './a.ts', out: './m' };\n";
    expect(addSchemaToDrizzleConfig(single, 'drizzle.config.ts', './b.ts')).toBe("export default { schema: ['./a.ts', './b.ts'], out: './m' };\n");
    expect(addSchemaToDrizzleConfig("export default { schema: process.env.S };\n", 'drizzle.config.ts', './b.ts')).toBeUndefined();
  });
});
