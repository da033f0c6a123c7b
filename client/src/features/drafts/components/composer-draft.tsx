import type { Draft } from '@helpdesk/contract';
import { lazy, Suspense } from 'react';
import type { ComposerState, NewTicketState } from '../../../lib/slots';
import { draftPath } from '../api/drafts';
import { type DraftText, useDraft } from '../hooks/use-draft';
import { LeaveGuard } from './leave-guard';

const loadDraftSync = () => import('./draft-sync');
const DraftSync = lazy(() => loadDraftSync().then((m) => ({ default: m.DraftSync })));
/** Loads the draft keeper with a ticket page's other parts (its read then joins their batch). */
export const preloadDraftSync = loadDraftSync;

/**
 * The guard is here, committed with the composer (text typed at once is guarded); the keeper and
 * the translated question each wait in a boundary of their own.
 */
function DraftParts(props: {
  path: string;
  text: DraftText;
  restore: (draft: Draft) => void;
  draft: ReturnType<typeof useDraft>;
}) {
  const { draft, ...sync } = props;
  return (
    <>
      <Suspense fallback={null}>
        <DraftSync {...sync} link={draft.link} />
      </Suspense>
      <Suspense fallback={null}>
        <LeaveGuard blocker={draft.blocker} />
      </Suspense>
    </>
  );
}

/** Keeps the composer's text as a draft of the reply or note (issue 17). */
export function ComposerDraft({ composer }: { composer: ComposerState }) {
  const { ticketId, kind, text, setText, hooks } = composer;
  const path = draftPath(ticketId, kind);
  const draft = useDraft(path, { body: text });
  hooks.current.sent = draft.clear;
  return <DraftParts path={path} text={{ body: text }} restore={(d) => setText(d.body)} draft={draft} />;
}

/** Keeps the new-ticket form's subject and description as a draft (issue 17). */
export function NewTicketDraft({ form }: { form: NewTicketState }) {
  const { subject, body, restore, hooks } = form;
  const path = draftPath(null, 'new-ticket');
  const draft = useDraft(path, { body, subject });
  hooks.current.sent = draft.clear;
  return (
    <DraftParts
      path={path}
      text={{ body, subject }}
      restore={(d) => restore({ subject: d.subject ?? '', body: d.body })}
      draft={draft}
    />
  );
}
