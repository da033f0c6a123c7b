import type { PublicSettings } from '@helpdesk/contract';

export type UploadLimits = PublicSettings['uploads'];

/**
 * Types by file extension, for files the browser gives no type (or another name for the same
 * thing) — the server sniffs the content; this only spares a useless upload.
 */
const typeByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/plain',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  doc: 'application/x-cfb',
  xls: 'application/x-cfb',
  ppt: 'application/x-cfb',
  msg: 'application/x-cfb',
  zip: 'application/zip',
};

/** Why a file cannot go up, with what the message needs; none: it may. */
export type FileProblem =
  | { kind: 'tooLarge'; name: string; size: number; limit: number }
  | { kind: 'notAccepted'; name: string }
  | { kind: 'empty'; name: string }
  | { kind: 'tooMany'; name: string; count: number }
  | { kind: 'ticketTotal'; name: string; limit: number };

export interface PickedFile {
  name: string;
  size: number;
  type: string;
}

/**
 * Adds `picked` to `current` as far as the server's limits allow (public settings): each file's
 * size and type, the number of files in one request and the ticket's total. Returns the files to
 * keep and a problem for each one left out.
 */
export function checkFiles<F extends PickedFile>(
  current: readonly F[],
  picked: readonly F[],
  limits: UploadLimits,
  alreadyOnTicket = 0,
): { files: F[]; problems: FileProblem[] } {
  const files = [...current];
  const problems: FileProblem[] = [];
  let total = alreadyOnTicket + files.reduce((sum, f) => sum + f.size, 0);
  for (const f of picked) {
    const byName = typeByExtension[f.name.split('.').pop()?.toLowerCase() ?? ''];
    const accepted = [f.type, byName].some((t) => t && limits.acceptedTypes.includes(t));
    if (f.size === 0) problems.push({ kind: 'empty', name: f.name });
    else if (f.size > limits.maxFileBytes)
      problems.push({ kind: 'tooLarge', name: f.name, size: f.size, limit: limits.maxFileBytes });
    else if (!accepted) problems.push({ kind: 'notAccepted', name: f.name });
    else if (files.length >= limits.maxFiles) problems.push({ kind: 'tooMany', name: f.name, count: limits.maxFiles });
    else if (total + f.size > limits.maxTicketBytes)
      problems.push({ kind: 'ticketTotal', name: f.name, limit: limits.maxTicketBytes });
    else {
      files.push(f);
      total += f.size;
    }
  }
  return { files, problems };
}

/** "12 MB", "1,5 MB", "300 kB", "0.3 kB" in the reader's language. */
export function formatSize(bytes: number, locale: string): string {
  const megabytes = bytes >= 1024 * 1024;
  const value = megabytes ? bytes / 1024 / 1024 : bytes / 1024;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}
