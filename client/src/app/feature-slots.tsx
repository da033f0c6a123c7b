import { type ComponentType, type ReactNode, Suspense } from 'react';
// Drafts are not lazy: text typed as soon as the composer shows is already guarded and saved
// (a lazy part, or one sharing a Suspense boundary with another, registers its leave guard only
// once every chunk and translation of that boundary has arrived).
import { ComposerDraft, NewTicketDraft, preloadDraftSync } from '../features/drafts/components/composer-draft';
import { preloadable } from '../lib/preloadable';
import { type FeatureSlots, FeatureSlotsProvider } from '../lib/slots';

/** A named export of a chunk, as a component that renders at once once loaded (lib/preloadable.tsx). */
// biome-ignore lint/suspicious/noExplicitAny: any component's props
const part = <K extends string, M extends Record<K, ComponentType<any>>>(load: () => Promise<M>, name: K) =>
  preloadable(() => load().then((m) => m[name]));

// The help centre's pieces inside the tickets feature, each its own chunk.
const ArticlePicker = part(() => import('../features/help/components/article-picker'), 'ArticlePicker');
const TicketSuggestions = part(() => import('../features/help/components/ticket-suggestions'), 'TicketSuggestions');
const ArticleFromTicketButton = part(
  () => import('../features/help/components/article-from-ticket-button'),
  'ArticleFromTicketButton',
);

// Satisfaction ratings on the ticket page and the dashboard.
const TicketRating = part(() => import('../features/satisfaction/components/ticket-rating'), 'TicketRating');
const CsatPanel = part(() => import('../features/satisfaction/components/csat-panel'), 'CsatPanel');
// Followers of a ticket (issue 17).
const FollowButton = part(() => import('../features/followers/components/follow-button'), 'FollowButton');
const FollowersPanel = part(() => import('../features/followers/components/followers-panel'), 'FollowersPanel');
// The original e-mails of a ticket (issue 19).
const MailOriginalsPanel = part(
  () => import('../features/mailin/components/mail-originals-panel'),
  'MailOriginalsPanel',
);
// The customer beside the ticket.
const CustomerPanel = part(() => import('../features/customers/components/customer-panel'), 'CustomerPanel');
// The tags' pieces inside the tickets feature.
const TicketTagsPanel = part(() => import('../features/tags/components/ticket-tags-panel'), 'TicketTagsPanel');
const TagChips = part(() => import('../features/tags/components/tag-chip'), 'TagChips');
const BulkTagButton = part(() => import('../features/tags/components/bulk-tag-button'), 'BulkTagButton');
const QueueTagFilter = part(() => import('../features/tags/components/queue-tag-filter'), 'QueueTagFilter');
const TagNamesInput = part(() => import('../features/tags/components/tag-names-input'), 'TagNamesInput');
// Opening a ticket refreshes the bell (the server marked that ticket's notifications read).
const TicketOpened = part(() => import('../features/notifications/components/ticket-opened'), 'TicketOpened');
// Canned responses in the composer.
const CannedPicker = part(() => import('../features/canned-responses/components/canned-picker'), 'CannedPicker');
// Custom fields in the ticket pages.
const TicketFieldsPanel = part(
  () => import('../features/custom-fields/components/ticket-fields-panel'),
  'TicketFieldsPanel',
);
const NewTicketFields = part(() => import('../features/custom-fields/components/new-ticket-fields'), 'NewTicketFields');

const QueueFieldTools = part(() => import('../features/custom-fields/components/queue-field-tools'), 'QueueFieldTools');
const QueueColumnHeaders = part(
  () => import('../features/custom-fields/components/queue-columns'),
  'QueueColumnHeaders',
);
const QueueColumnCells = part(() => import('../features/custom-fields/components/queue-columns'), 'QueueColumnCells');

// Working together (issue 17): presence, the "someone replied" check and drafts.
const TicketPresence = part(() => import('../features/presence/components/ticket-presence'), 'TicketPresence');
const SomeoneReplied = part(() => import('../features/presence/components/someone-replied'), 'SomeoneReplied');

// Service levels: the ticket's clock beside it and the dashboard's compliance.
const TicketSlaPanel = part(() => import('../features/sla/components/ticket-sla-panel'), 'TicketSlaPanel');
const SlaDashboardPanel = part(() => import('../features/sla/components/sla-dashboard-panel'), 'SlaDashboardPanel');

/**
 * Loads the parts of a ticket page with the page (the ticket route's loader), in parallel, rather
 * than each when it first renders: they came one after another over 0.6 s (issue 22).
 */
export function preloadTicketPageParts(): void {
  // Ahead of need: a chunk that fails here is reported when the page renders it.
  for (const p of [
    ArticlePicker,
    ArticleFromTicketButton,
    TicketRating,
    FollowButton,
    FollowersPanel,
    MailOriginalsPanel,
    CustomerPanel,
    TicketTagsPanel,
    TicketOpened,
    CannedPicker,
    TicketFieldsPanel,
    TicketPresence,
    SomeoneReplied,
    TicketSlaPanel,
    { preload: preloadDraftSync },
  ])
    p.preload().catch(() => undefined);
}

const slots: FeatureSlots = {
  composerAddons: (composer) => (
    <>
      <ComposerDraft composer={composer} />
      {composer.staff && (
        <Suspense fallback={null}>
          <SomeoneReplied composer={composer} />
        </Suspense>
      )}
    </>
  ),
  ticketPresence: (ticketId) => (
    <Suspense fallback={null}>
      <TicketPresence ticketId={ticketId} />
    </Suspense>
  ),
  newTicketAddons: (form) => (
    <Suspense fallback={null}>
      <NewTicketDraft form={form} />
    </Suspense>
  ),
  composerTools: (insert, composer) => (
    <Suspense fallback={null}>
      <CannedPicker composer={composer} />
      <ArticlePicker onInsert={insert} />
    </Suspense>
  ),
  newTicketSubjectHelp: (subject) => (
    <Suspense fallback={null}>
      <TicketSuggestions subject={subject} />
    </Suspense>
  ),
  notificationActions: (n) =>
    n.type === 'followed_reply' && n.ticketId ? (
      <Suspense fallback={null}>
        <FollowButton ticketId={n.ticketId} size="compact-xs" />
      </Suspense>
    ) : null,
  ticketActions: (ticketId) => (
    <Suspense fallback={null}>
      <ArticleFromTicketButton ticketId={ticketId} />
      <FollowButton ticketId={ticketId} />
    </Suspense>
  ),
  ticketPanel: (ticket) => (
    <Suspense fallback={null}>
      <TicketRating ticket={ticket} />
      <TicketOpened key={ticket.id} />
    </Suspense>
  ),
  dashboardPanels: () => (
    <Suspense fallback={null}>
      <CsatPanel />
      <SlaDashboardPanel />
    </Suspense>
  ),
  ticketSidebar: (ticket) => (
    <Suspense fallback={null}>
      <TicketSlaPanel ticketId={ticket.id} changed={`${ticket.version}:${ticket.updatedAt}:${ticket.messageCount}`} />
      <TicketTagsPanel ticketId={ticket.id} tags={ticket.tags ?? []} />
      <CustomerPanel ticketId={ticket.id} customerId={ticket.customer.id} />
      <FollowersPanel ticketId={ticket.id} />
      <MailOriginalsPanel ticketId={ticket.id} />
    </Suspense>
  ),
  queueRowExtras: (item) => (
    <Suspense fallback={null}>
      <TagChips tags={item.tags} />
    </Suspense>
  ),
  queueBulkActions: (ids, done) => (
    <Suspense fallback={null}>
      <BulkTagButton ids={ids} onDone={done} />
    </Suspense>
  ),
  tagNamesInput: (props) => (
    <Suspense fallback={null}>
      <TagNamesInput {...props} />
    </Suspense>
  ),
  queueFilters: (filters, change, width) => (
    <Suspense fallback={null}>
      <QueueTagFilter filters={filters} onChange={change} width={width} />
    </Suspense>
  ),
  ticketFields: (ticket, onSaved) => (
    <Suspense fallback={null}>
      <TicketFieldsPanel ticket={ticket} onSaved={onSaved} />
    </Suspense>
  ),
  queueFieldTools: (value, onChange) => (
    <Suspense fallback={null}>
      <QueueFieldTools value={value} onChange={onChange} />
    </Suspense>
  ),
  queueColumns: {
    header: () => (
      <Suspense fallback={null}>
        <QueueColumnHeaders />
      </Suspense>
    ),
    cells: (ticketId, ticketIds) => (
      <Suspense fallback={null}>
        <QueueColumnCells ticketId={ticketId} ticketIds={ticketIds} />
      </Suspense>
    ),
  },
  newTicketFields: (props) => (
    <Suspense fallback={null}>
      <NewTicketFields {...props} />
    </Suspense>
  ),
};

/** Fills the features' slots (lib/slots.tsx): the help centre, canned responses, satisfaction ratings, tags, custom fields, the customer panel, service levels, presence, drafts and the notifications' refresh inside the tickets pages. */
export function AppFeatureSlots({ children }: { children: ReactNode }) {
  return <FeatureSlotsProvider value={slots}>{children}</FeatureSlotsProvider>;
}
