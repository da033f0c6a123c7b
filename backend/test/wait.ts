import net from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now (for a server a test starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value other than undefined; fails after `ms` (a bound, not a wait). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `test` until it is true; fails after `ms`. */
export async function until(what: string, test: () => Promise<boolean>, ms = 15_000): Promise<void> {
  await eventually(what, async () => ((await test()) ? true : undefined), ms);
}

/**
 * A metric's value in a Prometheus text exposition (/metrics), summed over the label sets that
 * hold every given label; `absent` when no line matches.
 */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}, absent = 0): number {
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    found = true;
  }
  return found ? sum : absent;
}
