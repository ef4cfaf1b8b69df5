import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { detailText } from './reasons.ts';

/** zod's own message for a value a schema refuses. */
const message = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues[0]!.message;

describe('detailText', () => {
  it("says zod's own number and choice messages in each language, with the bound", () => {
    const tooBig = message(z.number().int().max(200_000), 500_000);
    expect(detailText(tooBig, 'en')).toBe('at most 200,000');
    expect(detailText(tooBig, 'ru')).toMatch(/^не более 200\s000$/);
    expect(detailText(message(z.number().int().min(1), 0), 'az')).toBe('ən azı 1');
    expect(detailText(message(z.number().int(), 1.5), 'ru')).toBe('нужно целое число');
    expect(detailText(message(z.enum(['a', 'b']), 'c'), 'az')).toBe('variantlardan birini seçin');
  });

  it('keeps an unknown message, marked as an invalid value outside English', () => {
    expect(detailText('something else', 'en')).toBe('something else');
    expect(detailText('something else', 'ru')).toBe('недопустимое значение (something else)');
  });
});
