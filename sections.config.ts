import { defineConfig } from 'drizzle-sections';

// The example marketplace: three sections over one database and one migration history.
export default defineConfig({
  migrations: './example/src/shared/database/migrations',
  features: './example/src/features',
  // The example's tables keep drizzle's everyday serial ids, varchar and timestamp; the style rules would flag every table.
  lint: {
    rules: {
      'prefer-bigint-over-int': 'off',
      'prefer-identity': 'off',
      'prefer-text-field': 'off',
      'prefer-timestamptz': 'off',
    },
  },
  sections: {
    core: {
      schema: './example/src/shared/database/schemas/core/drizzle-schema.ts',
      types: './example/src/shared/database/schemas/core/kysely-types.ts',
    },
    vendor: {
      schema: './example/src/shared/database/schemas/vendor/drizzle-schema.ts',
      types: './example/src/shared/database/schemas/vendor/kysely-types.ts',
      // A pattern as kysely-codegen takes it; optional, since ownership is derived from the schema's exports.
      include: 'vendor_*',
    },
    customer: {
      schema: './example/src/shared/database/schemas/customer/drizzle-schema.ts',
      types: './example/src/shared/database/schemas/customer/kysely-types.ts',
      // A bare alternation: kysely-codegen alone matches nothing with it; here it means alternation.
      include: 'customer_*|shopping_*|wishlist*',
    },
  },
});
