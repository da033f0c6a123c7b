import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { validationError } from '../lib/app-error.js';
import { findUnstorableText } from '../lib/unstorable-text.js';

/** The parts of a request a route can read, in the order they are reported. */
function requestParts(req: FastifyRequest): [string, unknown][] {
  return [
    ['params', req.params],
    ['query', req.query],
    ['headers', req.headers],
    ['body', req.body],
  ];
}

/**
 * Refuses, before any route validates or handles it, a request with a NUL character or an
 * unpaired surrogate in any path parameter, query parameter, header or JSON body string:
 * 400 VALIDATION_ERROR naming the field. One hook for every route, those added later
 * included, so no schema has to remember it. Multipart text fields are checked as they are
 * read (modules/attachments/attachments.receive.ts).
 */
export const unstorableTextPlugin = fp(
  async (app) => {
    app.addHook('preValidation', async (req) => {
      for (const [part, value] of requestParts(req)) {
        const problem = findUnstorableText(value, part);
        if (problem) throw validationError('The request is not valid', [problem]);
      }
    });
  },
  { name: 'unstorable-text' },
);
