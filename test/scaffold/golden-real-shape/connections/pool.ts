import pg from 'pg';

/**
 * The one connection pool every section shares: sections split the code, not the database.
 * End it once, at shutdown: `await pool.end()`.
 */
export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
