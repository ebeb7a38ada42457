import { UserError } from '../errors.js';

/**
 * Fills `{{name}}` placeholders. A placeholder without a value is an error naming the template:
 * a user's override with a typo must not produce half-rendered code.
 */
export function renderTemplate(name: string, text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new UserError(`template ${name}: unknown placeholder {{${key}}} (known: ${Object.keys(values).sort().join(', ')})`);
    return value;
  });
}
