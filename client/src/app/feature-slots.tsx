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

const CannedPicker = lazy(() =>
  import('../features/canned-responses/components/canned-picker').then((m) => ({ default: m.CannedPicker })),
);

const slots: FeatureSlots = {
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
  ticketActions: (ticketId) => (
    <Suspense fallback={null}>
      <ArticleFromTicketButton ticketId={ticketId} />
    </Suspense>
  ),
};

/** Fills the features' slots (lib/slots.tsx): the help centre and canned responses inside the tickets pages. */
export function AppFeatureSlots({ children }: { children: ReactNode }) {
  return <FeatureSlotsProvider value={slots}>{children}</FeatureSlotsProvider>;
}
