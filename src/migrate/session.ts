/**
 * One connection to the target database, held for a whole `migrate` or `status` run: the
 * advisory lock is a session lock, so everything must go through the same connection.
 */
export interface Session {
  /** Where it points, safe to print (password redacted). */
  readonly target: string;
  /** `absent`: the embedded database, not created yet (read-only commands do not create it): nothing applied. */
  readonly kind: 'server' | 'pglite' | 'absent';
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs SQL text over the simple protocol: one statement or several. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
