import { type ComponentProps, type ComponentType, createElement, lazy, useState } from 'react';

/**
 * A lazy component (its own chunk) that renders at once when its code has arrived before it
 * renders (`preload()`). React.lazy suspends on its first render even then: a page waited out
 * React's 300 ms fallback throttle with its data and code in hand, and the ticket page's parts
 * resumed in different tasks, their reads in several batches instead of one (issue 22). Which of
 * the two renders is fixed per mount, so nothing remounts when its code arrives later.
 */
// biome-ignore lint/suspicious/noExplicitAny: any component's props
export function preloadable<C extends ComponentType<any>>(load: () => Promise<C>) {
  let loaded: C | undefined;
  const preload = () =>
    load().then((component) => {
      loaded = component;
      return component;
    });
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per component at module level, as React.lazy is
  function Preloadable(props: ComponentProps<C>) {
    // The initializer returns the component itself (state never calls it).
    const [Shown] = useState(() => loaded ?? Lazy);
    return createElement(Shown as ComponentType<ComponentProps<C>>, props);
  }
  return Object.assign(Preloadable, { preload });
}
