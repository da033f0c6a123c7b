import { type ComponentType, createElement, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { preloadable } from './preloadable';

const Greeting = ({ name }: { name: string }) => createElement('b', null, `Hello ${name}`);

/** The first render's HTML: server rendering does not wait, so a suspended part shows its fallback. */
const firstRender = (Part: ComponentType<{ name: string }>) =>
  renderToString(createElement(Suspense, { fallback: 'loading' }, createElement(Part, { name: 'Maya' })));

describe('preloadable', () => {
  it('renders at once, with its props, once its code has been preloaded', async () => {
    const Part = preloadable(async () => Greeting);
    await Part.preload();
    const html = firstRender(Part);
    expect(html).toContain('<b>Hello Maya</b>');
    expect(html).not.toContain('loading');
  });

  it('suspends (shows the fallback) while its code has not arrived', () => {
    const Part = preloadable(() => new Promise<typeof Greeting>(() => {}));
    const html = firstRender(Part);
    expect(html).toContain('loading');
    expect(html).not.toContain('Hello');
  });
});
