import { describe, expect, it } from 'vitest';
import { highlightTerms, parseSnippet } from './highlight';

describe('parseSnippet', () => {
  it('splits on the server markers', () => {
    expect(parseSnippet('a [[refund]] was [[made]]')).toEqual([
      { text: 'a ', hit: false },
      { text: 'refund', hit: true },
      { text: ' was ', hit: false },
      { text: 'made', hit: true },
    ]);
  });

  it('keeps any other markup as plain text', () => {
    const segs = parseSnippet('<script>alert(1)</script> [[probe]] <b>x</b> <img src=x onerror=alert(1)>');
    expect(segs.map((s) => s.text).join('')).toBe(
      '<script>alert(1)</script> probe <b>x</b> <img src=x onerror=alert(1)>',
    );
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['probe']);
  });
});

describe('highlightTerms', () => {
  it('marks each query word, case-insensitively', () => {
    expect(highlightTerms('Invoice charged twice', 'invoice TWICE')).toEqual([
      { text: 'Invoice', hit: true },
      { text: ' charged ', hit: false },
      { text: 'twice', hit: true },
    ]);
  });
  it('escapes regular expression characters', () => {
    expect(highlightTerms('a (b) c', '(b)')).toEqual([
      { text: 'a ', hit: false },
      { text: '(b)', hit: true },
      { text: ' c', hit: false },
    ]);
    expect(highlightTerms('text', '')).toEqual([{ text: 'text', hit: false }]);
  });
});
