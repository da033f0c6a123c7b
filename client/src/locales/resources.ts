/**
 * The English catalogues, one JSON file per namespace (a feature or area of the app). English is
 * bundled into the first load; other languages are fetched when chosen (lib/i18n.ts).
 * A new namespace: add `locales/en/<ns>.json` and `locales/de/<ns>.json` (the catalogue test
 * fails when a key is missing in either) and import the English file here.
 */
import admin from './en/admin.json';
import auth from './en/auth.json';
import canned from './en/canned.json';
import common from './en/common.json';
import customers from './en/customers.json';
import dashboard from './en/dashboard.json';
import drafts from './en/drafts.json';
import errors from './en/errors.json';
import fields from './en/fields.json';
import followers from './en/followers.json';
import help from './en/help.json';
import mailin from './en/mailin.json';
import notifications from './en/notifications.json';
import presence from './en/presence.json';
import satisfaction from './en/satisfaction.json';
import sla from './en/sla.json';
import tags from './en/tags.json';
import tickets from './en/tickets.json';

export const englishResources = {
  common,
  auth,
  admin,
  dashboard,
  errors,
  tickets,
  notifications,
  help,
  satisfaction,
  customers,
  tags,
  canned,
  fields,
  presence,
  drafts,
  sla,
  followers,
  mailin,
} as const;

export type Namespace = keyof typeof englishResources;

/** Every language the client has a complete catalogue for; the first is the fallback. */
export const supportedLanguages = ['en', 'de'] as const;
export type Language = (typeof supportedLanguages)[number];
