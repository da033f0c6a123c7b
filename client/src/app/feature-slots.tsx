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
  ticketPanel: (ticket) => (
    <Suspense fallback={null}>
      <TicketRating ticket={ticket} />
    </Suspense>
  ),
  dashboardPanels: () => (
    <Suspense fallback={null}>
      <CsatPanel />
    </Suspense>
  ),
};

/** Fills the features' slots (lib/slots.tsx): the help centre, satisfaction ratings, presence and drafts inside the tickets pages. */
export function AppFeatureSlots({ children }: { children: ReactNode }) {
  return <FeatureSlotsProvider value={slots}>{children}</FeatureSlotsProvider>;
}
