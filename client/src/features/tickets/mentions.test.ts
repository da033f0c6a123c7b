import { describe, expect, it } from 'vitest';
import { insertMention, mentionAtCaret, splitMentions } from './mentions';

describe('mentions', () => {
  it('cuts a note into text and mentions, never an e-mail address', () => {
    expect(splitMentions('Ping @maya.patel, and cc @jonas. Not a@b.c')).toEqual([
      { text: 'Ping ', mention: false },
      { text: '@maya.patel', mention: true },
      { text: ', and cc ', mention: false },
      { text: '@jonas', mention: true },
      { text: '. Not a@b.c', mention: false },
    ]);
    expect(splitMentions('<b>@x</b>')).toEqual([
      { text: '<b>', mention: false },
      { text: '@x', mention: true },
      { text: '</b>', mention: false },
    ]);
    expect(splitMentions('no mentions')).toEqual([{ text: 'no mentions', mention: false }]);
  });

  it('finds the @partial before the caret and replaces it with the handle', () => {
    expect(mentionAtCaret('hi @ma', 6)).toEqual({ start: 3, query: 'ma' });
    expect(mentionAtCaret('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAtCaret('mail a@b', 8)).toBeNull();
    expect(mentionAtCaret('hi @ma there', 12)).toBeNull();
    expect(insertMention('hi @ma!', 6, 3, 'maya.patel')).toEqual({ text: 'hi @maya.patel !', caret: 15 });
  });
});
