import { describe, expect, it } from 'vitest';
import { configSchema, describeConfigIssues } from '../../src/config/config-schema.js';
import { configuredPublicIdReference, findPublicIdReferenceProblems } from '../../src/model/config-references.js';
import { parseTableName } from '../../src/model/table-name.js';
import type { TableModel } from '../../src/model/project-model.js';

function table(schema: string, name: string, section: string, columns: string[]): TableModel {
  return {
    schema,
    name,
    section,
    exportName: name,
    foreignKeys: [],
    primaryKey: [],
    columns: columns.map((column) => ({ name: column, sqlType: 'uuid', notNull: false, hasDefault: false, primaryKey: false, unique: false })),
  };
}

const TABLES = [
  table('public', 'User', 'accounts', ['id', 'publicId']),
  table('auth', 'users', 'accounts', ['id', 'public_id']),
  table('public', 'users', 'legacy', ['id']),
  table('public', 'Document', 'content', ['id', 'ownerRef', 'authorRef']),
  table('billing', 'invoice', 'billing', ['id', 'payer_ref']),
];

const publicIdIssues = (references: Record<string, string>) => {
  const parsed = configSchema.safeParse({ migrations: './m', sections: {}, publicIdReferences: references });
  return parsed.success ? [] : describeConfigIssues(parsed.error);
};

describe('publicIdReferences names tables as PostgreSQL does', () => {
  it('the config accepts mixed-case and schema-qualified tables in keys and values', () => {
    expect(publicIdIssues({ 'Document.ownerRef': 'User', 'billing.invoice.payer_ref': 'auth.users', 'public.Document.authorRef': 'public.User' })).toEqual([]);
  });

  it('the config refuses a key without a column and a value with a column, naming the key', () => {
    expect(publicIdIssues({ Document: 'User' })).toEqual(['publicIdReferences.Document: keys are <table>.<column> or <schema>.<table>.<column>']);
    expect(publicIdIssues({ 'Document.ownerRef': 'auth.users.id' })).toEqual(['publicIdReferences.Document.ownerRef: values are <table> or <schema>.<table>']);
  });

  it('a table name is public unless qualified, its case kept', () => {
    expect(parseTableName('User')).toEqual({ schema: 'public', name: 'User' });
    expect(parseTableName('auth.users')).toEqual({ schema: 'auth', name: 'users' });
  });

  it('entries naming existing tables and columns are fine, in any case and schema', () => {
    expect(findPublicIdReferenceProblems({ 'Document.ownerRef': 'User', 'billing.invoice.payer_ref': 'auth.users', 'public.Document.authorRef': 'public.users' }, TABLES)).toEqual([]);
  });

  it('names are compared exactly: user is not User, users is not auth.users; the near miss is named', () => {
    expect(findPublicIdReferenceProblems({ 'document.ownerRef': 'User' }, TABLES)).toEqual([
      'publicIdReferences."document.ownerRef": no section exports a table "document" (did you mean "Document"?)',
    ]);
    expect(findPublicIdReferenceProblems({ 'Document.ownerRef': 'user' }, TABLES)).toEqual([
      'publicIdReferences."Document.ownerRef": no section exports the table "user" it references (did you mean "User"?)',
    ]);
    expect(findPublicIdReferenceProblems({ 'invoice.payer_ref': 'auth.users' }, TABLES)).toEqual(['publicIdReferences."invoice.payer_ref": no section exports a table "invoice"']);
    expect(findPublicIdReferenceProblems({ 'billing.invoice.payerRef': 'auth.users' }, TABLES)).toEqual([
      'publicIdReferences."billing.invoice.payerRef": table "billing.invoice" (section "billing") has no column "payerRef"',
    ]);
  });

  it('the scaffold finds the entry of a table in its own schema only', () => {
    const references = { 'billing.invoice.payer_ref': 'auth.users', 'Document.ownerRef': 'User' };
    expect(configuredPublicIdReference(references, { schema: 'billing', name: 'invoice' }, 'payer_ref')).toEqual({ schema: 'auth', name: 'users' });
    expect(configuredPublicIdReference(references, { schema: 'public', name: 'invoice' }, 'payer_ref')).toBeUndefined();
    expect(configuredPublicIdReference(references, { schema: 'public', name: 'Document' }, 'ownerRef')).toEqual({ schema: 'public', name: 'User' });
    expect(configuredPublicIdReference(references, { schema: 'public', name: 'document' }, 'ownerRef')).toBeUndefined();
  });
});
