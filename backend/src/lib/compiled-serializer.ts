import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * A route's response serializer compiled from its zod schema (as JSON Schema, with
 * fast-json-stringify), for the endpoints every open page polls and the queue and ticket reads
 * every agent's click makes: the app's default serializer checks each answer against the zod
 * schema at run time and then runs JSON.stringify, a cost paid thousands of times a second there.
 * Only the schema's properties are written (as with zod's parse, anything else on the object is
 * left out) and a missing required property throws (a 500, as a failed check does). Types are not
 * re-checked: the handler's TypeScript types and the route tests vouch for them. The OpenAPI
 * document still comes from the zod schema. Compiled on the first answer, not at start, so that
 * a server that is started and never asked (or asked only for other routes) does not pay for it.
 */
export function compiledSerializer({ schema }: { schema: unknown }): (data: unknown) => string {
  let serialize: ((data: unknown) => string) | undefined;
  return (data) => {
    serialize ??= compile(schema as z.ZodType);
    return serialize(data);
  };
}

function compile(schema: z.ZodType): (data: unknown) => string {
  const jsonSchema = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
}
