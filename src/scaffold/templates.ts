import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATE_NAMES = [
  'repository.ts.tpl',
  'repository-by-id.ts.tpl',
  'repository-by-public-id.ts.tpl',
  'repository-find-by.ts.tpl',
  'service.ts.tpl',
  'service-enrich.ts.tpl',
  'connection.ts.tpl',
  'pool.ts.tpl',
  'transaction.ts.tpl',
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export type Templates = Readonly<Record<TemplateName, { readonly file: string; readonly text: string }>>;

const BUILT_IN_DIR = fileURLToPath(new URL('../../templates', import.meta.url));

/** The built-in templates, each replaced by a file of the same name in the config's `templates` folder. */
export async function loadTemplates(overrideDir: string | undefined): Promise<Templates> {
  const entries = await Promise.all(
    TEMPLATE_NAMES.map(async (name) => {
      const override = overrideDir ? join(overrideDir, name) : undefined;
      const file = override && existsSync(override) ? override : join(BUILT_IN_DIR, name);
      return [name, { file, text: await readFile(file, 'utf8') }] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as Templates;
}
