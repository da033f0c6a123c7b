import { Text } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Blocker } from 'react-router';
import type { ComposerState, NewTicketState } from '../../../lib/slots';
import { draftPath } from '../api/drafts';
import { useDraft } from '../hooks/use-draft';
import { LeaveGuard } from './leave-guard';

function DraftStatus({ saved }: { saved: boolean }) {
  const { t } = useTranslation('drafts');
  return (
    <Text size="xs" c="dimmed" aria-live="polite" data-testid="draft-status">
      {saved ? t('saved') : ''}
    </Text>
  );
}

/**
 * The translated parts in a boundary of their own: while the drafts' texts load, the hook above
 * them is already committed (its leave guard holds a move; the question shows once they arrive).
 */
function DraftParts({ saved, blocker }: { saved: boolean; blocker: Blocker }) {
  return (
    <Suspense fallback={null}>
      <DraftStatus saved={saved} />
      <LeaveGuard blocker={blocker} />
    </Suspense>
  );
}

/** Keeps the composer's text as a draft of the reply or note (issue 17). */
export function ComposerDraft({ composer }: { composer: ComposerState }) {
  const { ticketId, kind, text, setText, hooks } = composer;
  const draft = useDraft(draftPath(ticketId, kind), { body: text }, (d) => setText(d.body));
  hooks.current.sent = draft.clear;
  return <DraftParts saved={draft.status === 'saved'} blocker={draft.blocker} />;
}

/** Keeps the new-ticket form's subject and description as a draft (issue 17). */
export function NewTicketDraft({ form }: { form: NewTicketState }) {
  const { subject, body, restore, hooks } = form;
  const draft = useDraft(draftPath(null, 'new-ticket'), { body, subject }, (d) =>
    restore({ subject: d.subject ?? '', body: d.body }),
  );
  hooks.current.sent = draft.clear;
  return <DraftParts saved={draft.status === 'saved'} blocker={draft.blocker} />;
}
