/**
 * The name sections is published under on npm (`sections` there is an unrelated package); its
 * command stays `sections`. What a project's config imports.
 */
export const PACKAGE_NAME = 'drizzle-sections';
