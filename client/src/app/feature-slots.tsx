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

const slots: FeatureSlots = {
  composerTools: (insert) => (
    <Suspense fallback={null}>
      <ArticlePicker onInsert={insert} />
    </Suspense>
  ),
  newTicketSubjectHelp: (subject) => (
    <Suspense fallback={null}>
      <TicketSuggestions subject={subject} />
    </Suspense>
  ),
  ticketActions: (ticketId) => (
    <Suspense fallback={null}>
      <ArticleFromTicketButton ticketId={ticketId} />
    </Suspense>
  ),
  ticketSidebar: (ticket, onSaved) => (
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

/** Fills the features' slots (lib/slots.tsx): the help centre and custom fields inside the tickets pages. */
export function AppFeatureSlots({ children }: { children: ReactNode }) {
  return <FeatureSlotsProvider value={slots}>{children}</FeatureSlotsProvider>;
}
