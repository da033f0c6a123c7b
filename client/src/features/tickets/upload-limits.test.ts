import { describe, expect, it } from 'vitest';
import { checkFiles, formatSize } from './upload-limits';

const limits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxFiles: 2,
  maxTicketBytes: 15 * 1024 * 1024,
  acceptedTypes: ['application/pdf', 'image/png', 'application/x-cfb'],
};
const file = (name: string, size: number, type = '') => ({ name, size, type });

describe('checkFiles', () => {
  it('keeps files within the limits and says why the others are left out', () => {
    const { files, problems } = checkFiles(
      [],
      [
        file('report.pdf', 12 * 1024 * 1024, 'application/pdf'),
        file('tool.exe', 100, 'application/x-msdownload'),
        file('old.doc', 100, 'application/msword'),
        file('empty.png', 0, 'image/png'),
        file('shot.png', 100, 'image/png'),
        file('more.pdf', 100, 'application/pdf'),
      ],
      limits,
    );
    expect(files.map((f) => f.name)).toEqual(['old.doc', 'shot.png']);
    expect(problems).toEqual([
      { kind: 'tooLarge', name: 'report.pdf', size: 12 * 1024 * 1024, limit: 10 * 1024 * 1024 },
      { kind: 'notAccepted', name: 'tool.exe' },
      { kind: 'empty', name: 'empty.png' },
      { kind: 'tooMany', name: 'more.pdf', count: 2 },
    ]);
  });

  it("counts the ticket's total", () => {
    const { problems } = checkFiles(
      [file('a.pdf', 9 * 1024 * 1024, 'application/pdf')],
      [file('b.pdf', 7 * 1024 * 1024)],
      limits,
    );
    expect(problems).toEqual([{ kind: 'ticketTotal', name: 'b.pdf', limit: 15 * 1024 * 1024 }]);
  });
});

describe('formatSize', () => {
  it('writes sizes in the language', () => {
    expect(formatSize(12 * 1024 * 1024, 'en')).toBe('12 MB');
    expect(formatSize(1.5 * 1024 * 1024, 'de')).toBe('1,5 MB');
    expect(formatSize(300 * 1024, 'en')).toBe('300 kB');
    expect(formatSize(302, 'en')).toBe('0.3 kB');
  });
});
