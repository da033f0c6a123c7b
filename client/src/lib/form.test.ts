import { createTicketBodySchema, registerBodySchema } from '@helpdesk/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { switchToLanguage } from '../locales/test-languages';
import { checkBody } from './form';

beforeEach(() => switchToLanguage('en'));

describe('checkBody: field errors are sentences about the field', () => {
  it('never shows the validator text', () => {
    const errors = checkBody(createTicketBodySchema, { subject: '', description: '', departmentId: '' });
    expect(Object.values(errors).join(' ')).not.toMatch(/Too small|Invalid UUID|expected/);
    expect(errors.departmentId).toBe('Fill in this field.');
    expect(errors.subject).toBe('Fill in this field.');
  });

  it('uses what the form says about a field', () => {
    const errors = checkBody(
      createTicketBodySchema,
      { subject: 'x', description: 'y', departmentId: '' },
      { departmentId: { required: 'Choose a department' } },
    );
    expect(errors.departmentId).toBe('Choose a department');
  });

  it('says what is wrong with a value, with plurals, in the language chosen', async () => {
    const schema = z.object({
      name: z.string().max(3),
      email: z.email(),
      n: z.number().int().min(2),
      pick: z.enum(['a']),
    });
    const body = { name: 'long', email: 'nope', n: 1, pick: 'b' };
    expect(checkBody(schema, body)).toEqual({
      name: 'Use at most 3 characters.',
      email: 'Enter a valid email address, like name@example.com.',
      n: 'Enter 2 or more.',
      pick: 'Choose one.',
    });
    expect(checkBody(z.object({ name: z.string().min(1).max(1) }), { name: 'ab' }).name).toBe(
      'Use at most 1 character.',
    );
    await switchToLanguage('de');
    expect(checkBody(schema, body).name).toBe('Höchstens 3 Zeichen.');
    expect(checkBody(registerBodySchema, { name: '', email: 'a@b.example', password: 'x' })).toEqual({
      name: 'Bitte füllen Sie dieses Feld aus.',
      password: 'Bitte prüfen Sie diesen Wert.',
    });
  });
});
