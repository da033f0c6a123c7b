/** Direction marks and other invisible formatting that can make `evil.exe` look like `exe.txt`. */
const invisible = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const control = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * The client's file name made safe to keep as metadata: no path parts, control characters or
 * direction marks, at most `max` characters (the extension kept). Never used as a path on disk.
 */
export function cleanFileName(raw: string | undefined, max = 200): string {
  let name = (raw ?? '').normalize('NFC').replace(control, '').replace(invisible, '');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(/^[\s.]+/, '').trim();
  if (!name) return 'file';
  if ([...name].length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return [...name.slice(0, name.length - ext.length)].slice(0, max - ext.length).join('') + ext;
}
