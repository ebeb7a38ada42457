import { z } from 'zod';

const reason = z.string().min(1, 'must not be empty').optional();

/** The shape of `sections.boundaries.json`; imported only when the file exists (zod is heavy to load). */
export const baselineSchema = z.strictObject({
  foreignKeys: z.array(z.strictObject({ section: z.string().min(1), table: z.string().min(1), constraint: z.string().min(1), reason })).optional(),
  imports: z.array(z.strictObject({ section: z.string().min(1), file: z.string().min(1), imports: z.string().min(1), reason })).optional(),
});

export type AcceptedForeignKey = NonNullable<z.infer<typeof baselineSchema>['foreignKeys']>[number];
export type AcceptedImport = NonNullable<z.infer<typeof baselineSchema>['imports']>[number];
