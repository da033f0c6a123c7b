import type { ErrorDetail } from '@helpdesk/contract';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const nul = /\u0000/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why `text` cannot be stored, or undefined when it can: PostgreSQL refuses NUL in text
 * columns, and an unpaired UTF-16 surrogate is not Unicode (it has no UTF-8 form).
 */
function unstorableReason(text: string): string | undefined {
  if (nul.test(text)) return 'Must not contain a NUL character';
  if (loneSurrogate.test(text)) return 'Must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

/**
 * The first string (value or object key) in `value` that cannot be stored, named by its path
 * (`body.subject`, `query.q`, `body.ticketIds.0`). Walks with its own stack, so a deeply
 * nested body cannot overflow the call stack.
 */
export function findUnstorableText(value: unknown, root: string): ErrorDetail | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (typeof node === 'string') {
      const message = unstorableReason(node);
      if (message) return { path, message };
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const childPath = `${path}.${key}`;
        const message = unstorableReason(key);
        if (message) return { path: childPath, message: `Field name: ${message.toLowerCase()}` };
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}
