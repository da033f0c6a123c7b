import { type ComponentProps, type ComponentType, createElement, lazy, useState } from 'react';

/**
 * A component in its own chunk that can be loaded before it renders, and then renders at once.
 * React.lazy suspends on its first render even when the chunk is already loaded, and a Suspense
 * fallback once shown holds back what resolves after it by up to 300 ms (React's reveal throttle).
 */
// biome-ignore lint/suspicious/noExplicitAny: any component's props
export function preloadable<C extends ComponentType<any>>(load: () => Promise<C>) {
  let loaded: C | undefined;
  let loading: Promise<C> | undefined;
  const preload = (): Promise<C> => {
    loading ??= load().then(
      (component) => (loaded = component),
      (err: unknown) => {
        // A chunk that failed to load (a deploy, a dropped connection) is asked for again next time.
        loading = undefined;
        throw err;
      },
    );
    return loading;
  };
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per chunk, at module level
  function Preloadable(props: ComponentProps<C>) {
    // Chosen once per mount: switching from the lazy wrapper to the component would remount it.
    const [ready] = useState(() => loaded);
    return ready ? createElement(ready, props) : createElement(Lazy, props);
  }
  return Object.assign(Preloadable, { preload });
}
