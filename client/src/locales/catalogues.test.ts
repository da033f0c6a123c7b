import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every language has every namespace and every key the others have, and no empty text:
// a missing German string fails CI instead of showing an English word (or a key) to a user.
const root = path.dirname(new URL(import.meta.url).pathname);
const languages = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

function catalogue(language: string, file: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(path.join(root, language, file), 'utf8')) as Tree);
}

/** `{{name}}` placeholders of a text, sorted. */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('translation catalogues', () => {
  it('has English and German', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'de']));
  });

  const namespaces = readdirSync(path.join(root, 'en')).filter((f) => f.endsWith('.json'));
  for (const language of languages) {
    it(`${language} has the same namespaces as English`, () => {
      expect(
        readdirSync(path.join(root, language))
          .filter((f) => f.endsWith('.json'))
          .sort(),
      ).toEqual([...namespaces].sort());
    });
    for (const file of namespaces) {
      it(`${language}/${file} has every key of every other language, each with text and the same placeholders`, () => {
        const mine = catalogue(language, file);
        for (const other of languages) {
          const theirs = catalogue(other, file);
          // Plural forms differ by language (_one/_other in both of ours); compare the base keys.
          const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
          const mineBase = new Set([...mine.keys()].map(base));
          const missing = [...theirs.keys()].map(base).filter((k) => !mineBase.has(k));
          expect(missing, `keys of ${other}/${file} missing in ${language}/${file}`).toEqual([]);
        }
        for (const [key, text] of mine) {
          expect(text.trim(), `${language}/${file}: ${key} is empty`).not.toBe('');
          const english = catalogue('en', file).get(key);
          if (english !== undefined && language !== 'en') {
            expect(placeholders(text), `${language}/${file}: ${key} placeholders`).toEqual(placeholders(english));
          }
        }
      });
    }
  }
});
