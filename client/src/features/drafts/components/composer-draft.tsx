import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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

/** Keeps the composer's text as a draft of the reply or note (issue 17). */
export function ComposerDraft({ composer }: { composer: ComposerState }) {
  const { ticketId, kind, text, setText, hooks } = composer;
  const draft = useDraft(draftPath(ticketId, kind), { body: text }, (d) => setText(d.body));
  hooks.current.sent = draft.clear;
  return (
    <>
      <DraftStatus saved={draft.status === 'saved'} />
      <LeaveGuard blocker={draft.blocker} />
    </>
  );
}

/** Keeps the new-ticket form's subject and description as a draft (issue 17). */
export function NewTicketDraft({ form }: { form: NewTicketState }) {
  const { subject, body, restore, hooks } = form;
  const draft = useDraft(draftPath(null, 'new-ticket'), { body, subject }, (d) =>
    restore({ subject: d.subject ?? '', body: d.body }),
  );
  hooks.current.sent = draft.clear;
  return (
    <>
      <DraftStatus saved={draft.status === 'saved'} />
      <LeaveGuard blocker={draft.blocker} />
    </>
  );
}
