import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleNewEvents, recordEvents, registerConsumer } from '../src/modules/events/events.service.js';
import { type CliTarget, createCliTarget, runCli } from './operations-helpers.js';

describe('helpdesk events:status, events:replay and events:retry', { timeout: 120_000 }, () => {
  let target: CliTarget;
  const consumer = 'cli-test';

  beforeAll(async () => {
    target = await createCliTarget();
  }, 180_000);
  afterAll(async () => {
    await target?.close();
  });

  const failures = () =>
    target.withDb((db) =>
      db.query<{ state: string; due: boolean }>(
        'SELECT state, next_attempt_at <= now() AS due FROM event_failures WHERE consumer = $1',
        [consumer],
      ),
    );

  it('status shows each consumer; replay and retry give it events again; bad input fails with a message', async () => {
    const none = await runCli(['events:status'], target.env);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No event consumers yet');

    // Two events; the consumer fails the first (kept as a failure to retry later) and handles the second.
    const first = await target.withDb(async (db) => {
      await registerConsumer(db, consumer);
      await db.db.transaction((tx) => recordEvents(db, tx, [{ type: 'test.first' }, { type: 'test.second' }]));
      await handleNewEvents(db, {
        name: consumer,
        async handle(_tx, event) {
          if (event.type === 'test.first') throw new Error('not today');
        },
      });
      const [row] = await db.query<{ id: string }>("SELECT id::text AS id FROM events WHERE type = 'test.first'");
      return Number(row?.id);
    });
    const status = await runCli(['events:status'], target.env);
    expect(status.stderr).toBe('');
    expect(status.stdout).toContain(`${consumer}: lag 0, retrying 1, dead 0`);

    expect(await failures()).toEqual([{ state: 'retrying', due: false }]);
    const retry = await runCli(['events:retry', consumer], target.env);
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain(`✓ 1 failed event(s) of ${consumer} will be tried again`);
    expect(await failures()).toEqual([{ state: 'retrying', due: true }]);

    const replay = await runCli(['events:replay', consumer, '--from', String(first)], target.env);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain(`✓ ${consumer} will handle events from ${first} again`);
    expect((await runCli(['events:status'], target.env)).stdout).toContain(`${consumer}: lag 2, retrying 1, dead 0`);

    const unknown = await runCli(['events:replay', 'nobody', '--from', String(first)], target.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`No consumer "nobody" or no event ${first}`);
    const malformed = await runCli(['events:replay', consumer, '--from', 'yesterday'], target.env);
    expect(malformed.code).not.toBe(0);
    expect(malformed.stderr).toContain('expected an event id such as 1042');
  });
});
