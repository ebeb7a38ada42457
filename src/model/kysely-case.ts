import { createRequire } from 'node:module';

type CaseConverter = typeof import('kysely-codegen/dist/generator/utils/case-converter.js');

const require = createRequire(import.meta.url);

/*
 * kysely-codegen's own case conversions, so that names match its output byte for byte. Required
 * on first use rather than imported: they load all of kysely, and a generate run starts its
 * engine before it needs a name.
 */
const converter = () => require('kysely-codegen/dist/generator/utils/case-converter.js') as CaseConverter;

export const toKyselyCamelCase = (name: string): string => converter().toKyselyCamelCase(name);
export const toKyselyPascalCase = (name: string): string => converter().toKyselyPascalCase(name);
