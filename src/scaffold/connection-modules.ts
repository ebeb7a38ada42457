/**
 * The connection modules every project shares beside the per-section `connections/<section>.ts`:
 * no section may take their names.
 */
export const CONNECTION_MODULES: readonly string[] = ['pool', 'transaction'];
