import { lazy, type ReactNode, Suspense } from 'react';
import { type FeatureSlots, FeatureSlotsProvider } from '../lib/slots';

// The help centre's pieces inside the tickets feature, each its own chunk.
const ArticlePicker = lazy(() =>
  import('../features/help/components/article-picker').then((m) => ({ default: m.ArticlePicker })),
);
const TicketSuggestions = lazy(() =>
  import('../features/help/components/ticket-suggestions').then((m) => ({ default: m.TicketSuggestions })),
);
const ArticleFromTicketButton = lazy(() =>
  import('../features/help/components/article-from-ticket-button').then((m) => ({
    default: m.ArticleFromTicketButton,
  })),
);

// Satisfaction ratings on the ticket page and the dashboard.
const TicketRating = lazy(() =>
  import('../features/satisfaction/components/ticket-rating').then((m) => ({ default: m.TicketRating })),
);
const CsatPanel = lazy(() =>
  import('../features/satisfaction/components/csat-panel').then((m) => ({ default: m.CsatPanel })),
);
// Followers of a ticket (issue 17).
const FollowButton = lazy(() =>
  import('../features/followers/components/follow-button').then((m) => ({ default: m.FollowButton })),
);
const FollowersPanel = lazy(() =>
  import('../features/followers/components/followers-panel').then((m) => ({ default: m.FollowersPanel })),
);
// The original e-mails of a ticket (issue 19).
const MailOriginalsPanel = lazy(() =>
  import('../features/mailin/components/mail-originals-panel').then((m) => ({ default: m.MailOriginalsPanel })),
);
// The customer beside the ticket.
const CustomerPanel = lazy(() =>
  import('../features/customers/components/customer-panel').then((m) => ({ default: m.CustomerPanel })),
);
// The tags' pieces inside the tickets feature.
const TicketTagsPanel = lazy(() =>
  import('../features/tags/components/ticket-tags-panel').then((m) => ({ default: m.TicketTagsPanel })),
);
const TagChips = lazy(() => import('../features/tags/components/tag-chip').then((m) => ({ default: m.TagChips })));
const BulkTagButton = lazy(() =>
  import('../features/tags/components/bulk-tag-button').then((m) => ({ default: m.BulkTagButton })),
);
const QueueTagFilter = lazy(() =>
  import('../features/tags/components/queue-tag-filter').then((m) => ({ default: m.QueueTagFilter })),
);
const TagNamesInput = lazy(() =>
  import('../features/tags/components/tag-names-input').then((m) => ({ default: m.TagNamesInput })),
);
// Opening a ticket refreshes the bell (the server marked that ticket's notifications read).
const TicketOpened = lazy(() =>
  import('../features/notifications/components/ticket-opened').then((m) => ({ default: m.TicketOpened })),
);
// Canned responses in the composer.
const CannedPicker = lazy(() =>
  import('../features/canned-responses/components/canned-picker').then((m) => ({ default: m.CannedPicker })),
);
// Custom fields in the ticket pages.
const TicketFieldsPanel = lazy(() =>
  import('../features/custom-fields/components/ticket-fields-panel').then((m) => ({ default: m.TicketFieldsPanel })),
);
const NewTicketFields = lazy(() =>
  import('../features/custom-fields/components/new-ticket-fields').then((m) => ({ default: m.NewTicketFields })),
);

const QueueFieldTools = lazy(() =>
  import('../features/custom-fields/components/queue-field-tools').then((m) => ({ default: m.QueueFieldTools })),
);
const QueueColumnHeaders = lazy(() =>
  import('../features/custom-fields/components/queue-columns').then((m) => ({ default: m.QueueColumnHeaders })),
);
const QueueColumnCells = lazy(() =>
  import('../features/custom-fields/components/queue-columns').then((m) => ({ default: m.QueueColumnCells })),
);

// Working together (issue 17): presence, the "someone replied" check and drafts.
const TicketPresence = lazy(() =>
  import('../features/presence/components/ticket-presence').then((m) => ({ default: m.TicketPresence })),
);
const SomeoneReplied = lazy(() =>
  import('../features/presence/components/someone-replied').then((m) => ({ default: m.SomeoneReplied })),
);
const ComposerDraft = lazy(() =>
  import('../features/drafts/components/composer-draft').then((m) => ({ default: m.ComposerDraft })),
);
const NewTicketDraft = lazy(() =>
  import('../features/drafts/components/composer-draft').then((m) => ({ default: m.NewTicketDraft })),
);

// Service levels: the ticket's clock beside it and the dashboard's compliance.
const TicketSlaPanel = lazy(() =>
  import('../features/sla/components/ticket-sla-panel').then((m) => ({ default: m.TicketSlaPanel })),
);
const SlaDashboardPanel = lazy(() =>
  import('../features/sla/components/sla-dashboard-panel').then((m) => ({ default: m.SlaDashboardPanel })),
);

const slots: FeatureSlots = {
  composerAddons: (composer) => (
    <Suspense fallback={null}>
      <ComposerDraft composer={composer} />
      {composer.staff && <SomeoneReplied composer={composer} />}
    </Suspense>
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
