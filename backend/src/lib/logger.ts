import type { DestinationStream, LoggerOptions } from 'pino';
import pino from 'pino';
import pretty from 'pino-pretty';
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
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: config.logFormat === 'json' ? { pid: process.pid } : null,
  };
  if (config.logFormat === 'json') return pino(options, destination ?? pino.destination(1));
  const stream = pretty({
    destination: destination ?? 1,
    colorize: false,
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId',
    messageFormat: '{if reqId}[{reqId}] {end}{msg}',
    singleLine: true,
  });
  return pino(options, stream);
}
