import { randomUUID } from 'node:crypto';
import { errorCodes } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { api } from './api.js';
import { useTestApp } from './build-test-app.js';

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
}
interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

/** Whether a declared response is the error shape: `{ success: false, error: { code, message } }`. */
function isErrorShape(schema: JsonSchema | undefined): boolean {
  const success = schema?.properties?.success;
  const error = schema?.properties?.error;
  return (
    (success?.const === false || (success?.enum?.length === 1 && success.enum[0] === false)) &&
    [...(error?.properties?.code?.enum ?? [])].sort().join() === [...errorCodes].sort().join() &&
    error?.properties?.message?.type === 'string' &&
    (error?.required ?? []).includes('code')
  );
}

describe('OpenAPI document: error responses', () => {
  const t = useTestApp();

  it('every operation declares the error answers it can give, in the error shape', async () => {
    const doc = (await api(t).get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const failures: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        const where = `${method.toUpperCase()} ${path}`;
        const declared = Object.keys(op.responses).map(Number);
        const expected = new Set([503]);
        const params = op.parameters ?? [];
        if (op.requestBody || params.length > 0) expected.add(400);
        if (params.some((p) => p.in === 'path')) expected.add(404);
        if (op.requestBody) expected.add(413).add(415);
        // An operation that refuses an anonymous caller says so.
        const concrete = path.replace(/\{[^}]+\}/g, randomUUID());
        const anonymous = await api(t).request(method.toUpperCase(), concrete);
        if (anonymous.statusCode === 401) expected.add(401);
        for (const status of expected) {
          if (!declared.includes(status)) failures.push(`${where} does not declare ${status}`);
        }
        for (const status of declared.filter((s) => s >= 400)) {
          const schema = op.responses[status]?.content?.['application/json']?.schema;
          if (!isErrorShape(schema)) failures.push(`${where} ${status} is not the error shape`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(operations).toBeGreaterThan(60);
  });
});
