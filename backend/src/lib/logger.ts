import type { DestinationStream, LoggerOptions } from 'pino';
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { Config } from '../config.js';

export type Logger = pino.Logger;

/** Never logged, wherever they turn up in a log object. */
const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  'password',
  'token',
];

/**
 * pino, as the operations guide shows it: pretty lines by default
 * (`[12:00:01] INFO: GET /api/tickets 200 12ms`), JSON with LOG_FORMAT=json.
 *
 * Standard output is written asynchronously: lines logged while a write is under way go out
 * together in the next one, so a busy server makes one write for many requests instead of one
 * each (5–8 % of its CPU on a 2-core machine). pino writes what is left synchronously when the
 * process exits, fatal errors included.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: config.logFormat === 'json' ? { pid: process.pid } : null,
  };
  const out = destination ?? pino.destination({ dest: 1, sync: false });
  if (config.logFormat === 'json') return pino(options, out);
  // Formatted in the logging call, then written like JSON lines (pino-pretty's own stream, when
  // asynchronous, loses what it holds when the process exits).
  const prettify = prettyFactory({
    colorize: false,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId',
    messageFormat: '{if reqId}[{reqId}] {end}{msg}',
    singleLine: true,
  });
  return pino(options, { write: (line: string) => out.write(prettify(line)) });
}
