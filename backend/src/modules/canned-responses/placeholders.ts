import { type CannedPlaceholder, cannedPlaceholders } from '@helpdesk/contract';

/** `{{ name }}`: anything between double braces is a placeholder, known or not. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

const known = new Set<string>(cannedPlaceholders);

/** The placeholders of `text` that the helpdesk does not know, each once, in order. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  return [...new Set(names.filter((n) => !known.has(n)))];
}

/** `text` with every placeholder replaced by its value (unknown ones, which saving refuses, by nothing). */
export function fillPlaceholders(text: string, values: Record<CannedPlaceholder, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => (known.has(name) ? values[name as CannedPlaceholder] : ''));
}
