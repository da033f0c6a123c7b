import { describe, expect, it } from 'vitest';
import { placeText, slashStartsLine } from './canned-picker';

describe('canned picker text placement', () => {
  it('a / opens the picker only at the start of a line', () => {
    expect(slashStartsLine('/', 0)).toBe(true);
    expect(slashStartsLine('Hi\n/', 3)).toBe(true);
    expect(slashStartsLine('and/or', 3)).toBe(false);
    expect(slashStartsLine('Hi\nx', 3)).toBe(false);
  });

  it('the response replaces the typed /, or goes at the cursor; the caret ends after it', () => {
    expect(placeText('Hi\n/\nBye', 'Thanks!', { slashAt: 3 })).toEqual({ body: 'Hi\nThanks!\nBye', caret: 10 });
    expect(placeText('Hi Bye', 'there ', { caret: 3 })).toEqual({ body: 'Hi there Bye', caret: 9 });
    // The / was deleted meanwhile and no cursor was kept: the caller appends instead.
    expect(placeText('Hi', 'x', { slashAt: 0 })).toBeUndefined();
  });
});
