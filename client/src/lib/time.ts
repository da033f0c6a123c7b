/**
 * Dates, times, durations and numbers through `Intl`, in the page's language and the browser's
 * time zone. Every function takes an optional `locale` ('en', 'de-DE' …); without one it uses the
 * language the page is shown in (`<html lang>`, which lib/i18n.ts keeps in step with the chosen
 * language). A component that shows these re-renders on a language change when it calls
 * `useTranslation()` (TimeAgo does).
 */

/** The page's language for Intl, or undefined (the runtime's default) outside a browser. */
export function pageLocale(): string | undefined {
  return typeof document === 'undefined' ? undefined : document.documentElement.lang || undefined;
}

// Making an Intl formatter costs far more than formatting with one (a ticket page's 40 relative
// times took 100 ms on a 2-core machine): each locale and options pair is made once.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();
function reuse<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(
  kind: string,
  locale: string | undefined,
  options: object | undefined,
  make: () => T,
): T {
  const key = `${kind}|${locale ?? ''}|${JSON.stringify(options ?? {})}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}
const dateTimeFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) =>
  reuse('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
const relativeTimeFormat = (locale: string | undefined, options: Intl.RelativeTimeFormatOptions) =>
  reuse('relative', locale, options, () => new Intl.RelativeTimeFormat(locale, options));

function toDate(value: string | Date): Date | null {
  const d = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? null : d;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago", "yesterday", "now" ("vor 3 Minuten", "gestern", "jetzt"); '' for no date. */
export function relativeTime(iso: string | Date, now: Date = new Date(), locale = pageLocale()): string {
  const then = toDate(iso);
  if (!then) return '';
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const rtf = relativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < 45) return rtf.format(0, 'second');
  for (const [unit, size] of units) {
    if (abs >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds / 60), 'minute');
}

/** A wait from now, rounded up to whole seconds, minutes or hours: "in 45 seconds", "in 2 minutes", "in 1 hour". */
export function inDuration(seconds: number, locale = pageLocale()): string {
  const rtf = relativeTimeFormat(locale, { numeric: 'always' });
  if (seconds < 60) return rtf.format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return rtf.format(Math.ceil(seconds / 60), 'minute');
  return rtf.format(Math.ceil(seconds / 3600), 'hour');
}

/** The full date and time, for a tooltip: "Friday, November 27, 2026 at 12:00:00 PM". */
export function exactTime(iso: string | Date, locale = pageLocale()): string {
  const d = toDate(iso);
  return d ? dateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium' }).format(d) : '';
}

/** A date and time in short: "11/27/26, 12:00 PM" / "27.11.26, 12:00". */
export function shortDateTime(iso: string | Date, locale = pageLocale()): string {
  const d = toDate(iso);
  return d ? dateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(d) : '';
}

/** A calendar date: "Nov 27, 2026" / "27.11.2026". A bare `YYYY-MM-DD` is that day, in no time zone. */
export function formatDate(value: string | Date, locale = pageLocale()): string {
  const dayOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = toDate(dayOnly ? `${value}T00:00:00Z` : value);
  if (!d) return '';
  return dateTimeFormat(locale, { dateStyle: 'medium', ...(dayOnly ? { timeZone: 'UTC' } : {}) }).format(d);
}

/** A day of the month for a chart's axis: "Nov 27" / "27. Nov.". A bare `YYYY-MM-DD` is that day. */
export function shortDay(value: string, locale = pageLocale()): string {
  const d = toDate(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return d ? dateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d) : '';
}

/** The time of day: "2:05 PM" / "14:05". */
export function timeOfDay(value: string | Date, locale = pageLocale()): string {
  const d = toDate(value);
  return d ? dateTimeFormat(locale, { timeStyle: 'short' }).format(d) : '';
}

/** A number with the language's grouping and decimal marks: "1,234.5" / "1.234,5". */
export function formatNumber(value: number, locale = pageLocale(), options?: Intl.NumberFormatOptions): string {
  return reuse('number', locale, options, () => new Intl.NumberFormat(locale, options)).format(value);
}
