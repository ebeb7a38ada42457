import type { Rule, RuleInfo } from './rule.js';
import type { RuleId } from './rule-ids.js';
import { addingFieldWithDefault, addingNotNullableField, addingRequiredField, addingSerialPrimaryKeyField, banDropNotNull, changingColumnType } from './rules/columns.js';
import { constraintMissingNotValid, disallowedUniqueConstraint } from './rules/constraints.js';
import { banDropColumn, banDropEnumValue, banDropTable, renamingColumn, renamingTable } from './rules/destructive.js';
import { requireConcurrentIndexCreation, requireConcurrentIndexDeletion } from './rules/indexes.js';
import { banCharField, preferBigintOverInt, preferIdentity, preferTextField, preferTimestamptz } from './rules/prefer-types.js';
import { dropReferencedPublicId, multiSectionMigration } from './rules/sections.js';
import { concurrentlyInTransaction, transactionNesting } from './rules/transactions.js';

/** Not a check of its own: what lint reports for a file PostgreSQL's parser refuses. */
export const SYNTAX_ERROR: RuleInfo = {
  id: 'syntax-error',
  severity: 'error',
  reason: 'PostgreSQL\'s parser refuses the file: migrate would fail on it, and no other rule can look at it.',
  recipe: 'Fix the SQL (the message says where). If your server accepts syntax this parser does not, set the rule to \'off\'.',
};

/** Every rule by id: the type makes a rule id without a rule (or the reverse) a compile error. */
export const RULE_CATALOGUE: Readonly<Record<RuleId, Rule | RuleInfo>> = {
  'adding-required-field': addingRequiredField,
  'adding-field-with-default': addingFieldWithDefault,
  'adding-serial-primary-key-field': addingSerialPrimaryKeyField,
  'adding-not-nullable-field': addingNotNullableField,
  'changing-column-type': changingColumnType,
  'ban-drop-not-null': banDropNotNull,
  'constraint-missing-not-valid': constraintMissingNotValid,
  'disallowed-unique-constraint': disallowedUniqueConstraint,
  'require-concurrent-index-creation': requireConcurrentIndexCreation,
  'require-concurrent-index-deletion': requireConcurrentIndexDeletion,
  'renaming-column': renamingColumn,
  'renaming-table': renamingTable,
  'ban-drop-column': banDropColumn,
  'ban-drop-table': banDropTable,
  'ban-drop-enum-value': banDropEnumValue,
  'transaction-nesting': transactionNesting,
  'prefer-bigint-over-int': preferBigintOverInt,
  'prefer-identity': preferIdentity,
  'prefer-text-field': preferTextField,
  'prefer-timestamptz': preferTimestamptz,
  'ban-char-field': banCharField,
  'concurrently-in-transaction': concurrentlyInTransaction,
  'multi-section-migration': multiSectionMigration,
  'drop-referenced-public-id': dropReferencedPublicId,
  'syntax-error': SYNTAX_ERROR,
};

/** The rules that look at statements, in catalogue order. */
export const RULES: readonly Rule[] = Object.values(RULE_CATALOGUE).filter((rule): rule is Rule => 'statement' in rule || 'migration' in rule);
