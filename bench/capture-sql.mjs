// Preloaded into the server by bench/run.ts (`node --import …/capture-sql.mjs`) during the short
// capture pass only: appends every query that node-postgres or PGlite (the embedded database)
// runs (text and parameters, one JSON line each) to BENCH_CAPTURE_FILE, so the bench can replay
// exactly the SQL an endpoint runs as its "floor". Never loaded during the timed runs.
import { appendFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const file = process.env.BENCH_CAPTURE_FILE;

function record(text, values, name) {
  try {
    // LISTEN is the change feed's connection setup, not the endpoint's SQL.
    if (typeof text === 'string' && !text.startsWith('LISTEN ')) {
      appendFileSync(file, `${JSON.stringify({ text, values: values ?? [], name })}\n`);
    }
  } catch {
    // Capturing must never break the server.
  }
}

if (file) {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function capture(config, values, callback) {
    const text = typeof config === 'string' ? config : config?.text;
    const params = Array.isArray(values) ? values : config?.values;
    // A named statement is planned once per connection; the floor replays it the same way.
    record(text, params, typeof config === 'object' ? config?.name : undefined);
    return original.call(this, config, values, callback);
  };

  // PGlite: its own queries, and those of the transaction object it hands to a callback.
  const { query, exec, transaction } = PGlite.prototype;
  const wrap = (target) => {
    const q = target.query;
    const e = target.exec;
    target.query = (text, params, options) => {
      record(text, params);
      return q.call(target, text, params, options);
    };
    target.exec = (text, options) => {
      record(text, []);
      return e.call(target, text, options);
    };
    return target;
  };
  PGlite.prototype.query = function captureQuery(text, params, options) {
    record(text, params);
    return query.call(this, text, params, options);
  };
  PGlite.prototype.exec = function captureExec(text, options) {
    record(text, []);
    return exec.call(this, text, options);
  };
  PGlite.prototype.transaction = function captureTransaction(callback) {
    return transaction.call(this, (tx) => callback(wrap(tx)));
  };
}
