import type { TicketHistoryEntry } from '@helpdesk/contract';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import de from '../../../locales/de/tickets.json';
import en from '../../../locales/en/tickets.json';
import { describeEvent } from './history';

const ev = (e: Partial<TicketHistoryEntry>): TicketHistoryEntry => ({
  id: '1',
  action: 'updated',
  field: null,
  oldValue: null,
  newValue: null,
  isInternal: false,
  actor: null,
  createdAt: '',
  ...e,
});

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'en',
    resources: { en: { tickets: en }, de: { tickets: de } },
    interpolation: { escapeValue: false },
  });
});

describe('describeEvent', () => {
  it('names field changes and actions', () => {
    const t = i18n.getFixedT('en', 'tickets');
    expect(
      describeEvent(ev({ action: 'status_changed', field: 'status', oldValue: 'Open', newValue: 'Closed' }), t),
    ).toBe('Status: Open → Closed');
    expect(describeEvent(ev({ field: 'assignee', oldValue: null, newValue: 'Alan' }), t)).toBe('Assigned to Alan');
    expect(describeEvent(ev({ field: 'assignee', oldValue: 'Alan', newValue: null }), t)).toBe('Unassigned (was Alan)');
    expect(describeEvent(ev({ action: 'note_added', newValue: 'some-id' }), t)).toBe('Added an internal note');
    expect(describeEvent(ev({ action: 'something_new' }), t)).toBe('something new');
    expect(describeEvent(ev({ action: 'tag_added', field: 'tags', newValue: 'vip' }), t)).toBe('Tagged “vip”');
    expect(describeEvent(ev({ action: 'tag_removed', field: 'tags', oldValue: 'vip' }), t)).toBe('Tag “vip” removed');
  });

  it('speaks German', () => {
    const t = i18n.getFixedT('de', 'tickets');
    expect(describeEvent(ev({ field: 'assignee', newValue: 'Alan' }), t)).toBe('Alan zugewiesen');
    expect(describeEvent(ev({ action: 'created' }), t)).toBe('Ticket erstellt');
  });
});
