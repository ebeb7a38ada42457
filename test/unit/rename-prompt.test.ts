import { describe, expect, it } from 'vitest';
import { askRenameQuestions, type Choice, type Choose } from '../../src/cli/rename-prompt.js';

/** A prompt that answers with the choice at each given position, recording what it was shown. */
function scripted(picks: readonly number[]) {
  const shown: { message: string; choices: string[] }[] = [];
  const choose = (async (message: string, choices: readonly Choice<unknown>[]) => {
    shown.push({ message, choices: choices.map((choice) => choice.name) });
    const pick = picks[shown.length - 1];
    if (pick === undefined) throw new Error(`unexpected question: ${message}`);
    return choices[pick]!.value;
  }) as Choose;
  return { choose, shown };
}

describe('asking rename questions', () => {
  it('asks once per column that appeared; a removed column can be picked once', async () => {
    const { choose, shown } = scripted([2, 1]);
    const answers = await askRenameQuestions([{ kind: 'column', table: 'vendor_profile', removed: ['business_name', 'city'], added: ['company_name', 'town'] }], choose);
    expect(shown).toEqual([
      {
        message: 'vendor_profile.company_name: a new column, or a renamed one?',
        choices: ['+ company_name  new column', '~ business_name › company_name  rename column', '~ city › company_name  rename column'],
      },
      { message: 'vendor_profile.town: a new column, or a renamed one?', choices: ['+ town  new column', '~ business_name › town  rename column'] },
    ]);
    expect(answers).toEqual({
      renames: [
        { kind: 'column', table: 'vendor_profile', from: 'city', to: 'company_name' },
        { kind: 'column', table: 'vendor_profile', from: 'business_name', to: 'town' },
      ],
      created: [],
    });
  });

  it('"new" is an answer too; once every removed one is taken, nothing more is asked', async () => {
    const { choose, shown } = scripted([0, 1]);
    const answers = await askRenameQuestions([{ kind: 'column', table: 'user', removed: ['nick'], added: ['email_verified', 'handle', 'avatar'] }], choose);
    expect(shown).toHaveLength(2);
    expect(answers).toEqual({
      renames: [{ kind: 'column', table: 'user', from: 'nick', to: 'handle' }],
      created: [
        { kind: 'column', table: 'user', name: 'email_verified' },
        { kind: 'column', table: 'user', name: 'avatar' },
      ],
    });
  });

  it('a table is renamed within its own schema only, and named without it', async () => {
    const { choose, shown } = scripted([1]);
    const answers = await askRenameQuestions([{ kind: 'table', removed: ['auth.Session', 'Wishlist'], added: ['auth.UserSession', 'billing.Invoice'] }], choose);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.choices).toEqual(['+ auth.UserSession  new table', '~ auth.Session › auth.UserSession  rename table']);
    expect(answers).toEqual({ renames: [{ kind: 'table', from: 'Session', to: 'UserSession' }], created: [{ kind: 'table', name: 'billing.Invoice' }] });
  });

  it('what sections cannot rename (an enum) is confirmed as drop and create', async () => {
    const { choose, shown } = scripted([0]);
    const answers = await askRenameQuestions([{ kind: 'enum', removed: ['order_state'], added: ['order_status'] }], choose);
    expect(shown).toEqual([
      { message: 'enum: order_state disappeared and order_status appeared (sections writes no enum renames)', choices: ['drop order_state and create order_status'] },
    ]);
    expect(answers).toEqual({ renames: [], created: [{ kind: 'enum', name: 'order_status' }] });
  });
});
