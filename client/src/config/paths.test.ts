import { describe, expect, it } from 'vitest';
import { paths, safeNext } from './paths';

describe('safeNext', () => {
  it('follows only paths inside the app', () => {
    expect(safeNext('/tickets/1')).toBe('/tickets/1');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
  it('builds the sign-in link with where to come back to', () => {
    expect(paths.signIn('/queue?q=a b')).toBe('/sign-in?next=%2Fqueue%3Fq%3Da%20b');
    expect(paths.signIn('/')).toBe('/sign-in');
  });
});
