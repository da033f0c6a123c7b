// Preloaded into the server by bench/run.ts (`node --import …/capture-sql.mjs`) during the short
// capture pass only: appends every query that node-postgres or PGlite (the embedded database)
// runs (text and parameters, one JSON line each) to BENCH_CAPTURE_FILE, so the bench can replay
// exactly the SQL an endpoint runs as its "floor". Never loaded during the timed runs.
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const file = process.env.BENCH_CAPTURE_FILE;

// Only what an HTTP request runs is the endpoint's SQL: the event consumers (webhooks, mail) that
// its events wake run beside it on their own and would otherwise be replayed as part of the floor.
const inRequest = new AsyncLocalStorage();
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitInRequest(event, ...args) {
  if (event === 'request') return inRequest.run(true, () => emit.call(this, event, ...args));
  return emit.call(this, event, ...args);
};

function record(text, values, name) {
  try {
    // LISTEN is the change feed's connection setup, not the endpoint's SQL.
    if (inRequest.getStore() && typeof text === 'string' && !text.startsWith('LISTEN ')) {
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

  // PGlite: the server sends its statements as protocol messages (backend/src/db/pglite-statements.ts):
  // a Bind is one execution, of the unnamed statement parsed just before it or of a named one.
  const { execProtocolStream } = PGlite.prototype;
  const parsed = new Map();
  PGlite.prototype.execProtocolStream = function captureProtocol(message, options) {
    try {
      for (const m of frontendMessages(message)) {
        if (m.type === 'Q') record(m.text, []);
        else if (m.type === 'P') parsed.set(m.name, m.text);
        else if (m.type === 'B' && parsed.has(m.statement))
          record(parsed.get(m.statement), m.values, m.statement || undefined);
      }
    } catch {
      // Capturing must never break the server.
    }
    return execProtocolStream.call(this, message, options);
  };
}

/** Parse and Bind messages of a buffer of frontend protocol messages (values as text). */
function* frontendMessages(buf) {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const decoder = new TextDecoder();
  let at = 0;
  const cstring = (from) => {
    const end = buf.indexOf(0, from);
    return [decoder.decode(buf.subarray(from, end)), end + 1];
  };
  while (at + 5 <= buf.length) {
    const type = String.fromCharCode(buf[at]);
    const length = view.getInt32(at + 1);
    const body = at + 5;
    if (type === 'Q') yield { type, text: cstring(body)[0] };
    else if (type === 'P') {
      const [name, next] = cstring(body);
      const [text] = cstring(next);
      yield { type, name, text };
    } else if (type === 'B') {
      const [, afterPortal] = cstring(body);
      const [statement, afterStatement] = cstring(afterPortal);
      let p = afterStatement;
      const formats = view.getInt16(p);
      p += 2 + 2 * formats;
      const count = view.getInt16(p);
      p += 2;
      const values = [];
      for (let i = 0; i < count; i++) {
        const len = view.getInt32(p);
        p += 4;
        if (len < 0) values.push(null);
        else {
          values.push(decoder.decode(buf.subarray(p, p + len)));
          p += len;
        }
      }
      yield { type, statement, values };
    }
    at += 1 + length;
  }
}
