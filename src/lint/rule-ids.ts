/**
 * Every lint rule's id, on its own so the config schema can validate `lint.rules` keys without
 * loading the rules. Most ids are squawk's, for the same check adapted to what drizzle-kit writes.
 */
export const RULE_IDS = [
  'adding-required-field',
  'adding-field-with-default',
  'adding-serial-primary-key-field',
  'adding-not-nullable-field',
  'changing-column-type',
  'ban-drop-not-null',
  'constraint-missing-not-valid',
  'disallowed-unique-constraint',
  'require-concurrent-index-creation',
  'require-concurrent-index-deletion',
  'renaming-column',
  'renaming-table',
  'ban-drop-column',
  'ban-drop-table',
  'ban-drop-enum-value',
  'transaction-nesting',
  'prefer-bigint-over-int',
  'prefer-identity',
  'prefer-text-field',
  'prefer-timestamptz',
  'ban-char-field',
  'concurrently-in-transaction',
  'multi-section-migration',
  'drop-referenced-public-id',
  'syntax-error',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** What a config may set a rule to. */
export const RULE_SETTINGS = ['error', 'warn', 'off'] as const;

export type RuleSetting = (typeof RULE_SETTINGS)[number];

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
