// Preloaded into the server by bench/run.ts (`node --import …/capture-sql.mjs`) during the short
// capture pass only: appends every query that node-postgres sends (text and parameters, one JSON
// line each) to BENCH_CAPTURE_FILE, so the bench can replay exactly the SQL an endpoint runs as
// its "floor". Never loaded during the timed runs.
import { appendFileSync } from 'node:fs';
import pg from 'pg';

const file = process.env.BENCH_CAPTURE_FILE;
if (file) {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function capture(config, values, callback) {
    try {
      const text = typeof config === 'string' ? config : config?.text;
      const params = Array.isArray(values) ? values : config?.values;
      // A named statement is planned once per connection; the floor replays it the same way.
      const name = typeof config === 'object' ? config?.name : undefined;
      // LISTEN is the change feed's connection setup, not the endpoint's SQL.
      if (typeof text === 'string' && !text.startsWith('LISTEN ')) {
        appendFileSync(file, `${JSON.stringify({ text, values: params ?? [], name })}\n`);
      }
    } catch {
      // Capturing must never break the server.
    }
    return original.call(this, config, values, callback);
  };
}
