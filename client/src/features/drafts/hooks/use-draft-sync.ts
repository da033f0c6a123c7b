import type { Draft } from '@helpdesk/contract';
import { useQueryClient } from '@tanstack/react-query';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { deleteDraft, draftQueryOptions, saveDraft } from '../api/drafts';
import { type DraftLink, type DraftText, isBlank } from './use-draft';

const SAVE_AFTER_MS = 800;

/** Compares a text with what the server holds (no draft is the empty text). */
const textKey = (body = '', subject?: string | null) => JSON.stringify([body.trim(), subject?.trim() ?? '']);

/**
 * Keeps `text` as a server draft at `path` (issue 17): restores it when the box is empty on
 * arrival, saves it 0.8 s after the last keystroke (and when the page is left), removes it when
 * emptied. Text typed before the draft was read is saved once it has been (nothing is written
 * that the server already holds).
 */
export function useDraftSync(
  path: string,
  text: DraftText,
  restore: (draft: Draft) => void,
  link: RefObject<DraftLink>,
) {
  const [status, setStatus] = useState<'idle' | 'saved'>('idle');
  // The place whose draft has been read, and what the server holds there.
  const [loaded, setLoaded] = useState<string | null>(null);
  const held = useRef(textKey());
  const pending = useRef<(() => void) | null>(null);
  const latest = useRef(text);
  latest.current = text;
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  const empty = isBlank(text);

  // Restore once per draft place, only into an empty box. The read may have come with the
  // ticket's prefetch; it is dropped once taken, so the next arrival reads again.
  const qc = useQueryClient();
  useEffect(() => {
    let live = true;
    const options = draftQueryOptions(path);
    qc.fetchQuery(options)
      .then((draft) => {
        if (!live) return;
        held.current = textKey(draft?.body, draft?.subject);
        if (draft && (draft.body || draft.subject) && isBlank(latest.current) && !link.current.sent) {
          restoreRef.current(draft);
          setStatus('saved');
        }
        setLoaded(path);
      })
      .catch(() => {
        if (live) setLoaded(path);
      })
      .finally(() => qc.removeQueries({ queryKey: options.queryKey, exact: true }));
    return () => {
      live = false;
    };
  }, [path, qc, link]);

  // The guard's page-unload flush and "sent" reach the pending save through the keeper.
  useEffect(() => {
    link.current.keeper = {
      flush: () => pending.current?.(),
      forget: () => {
        pending.current = null;
        held.current = textKey();
        setStatus('idle');
      },
    };
    return () => {
      link.current.keeper = null;
    };
  }, [link]);

  // The pending save is flushed when the place changes or the page goes away (an in-app link).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs its clean-up when the place changes
  useEffect(() => () => pending.current?.(), [path]);

  // Debounced save of what the server does not hold yet.
  useEffect(() => {
    if (loaded !== path) return;
    const key = textKey(text.body, text.subject);
    if (key === held.current) return;
    const body = { body: text.body, ...(text.subject !== undefined ? { subject: text.subject } : {}) };
    const write = () => {
      pending.current = null;
      held.current = key;
      const done = empty ? deleteDraft(path) : saveDraft(path, body);
      done
        .then(() => setStatus(empty ? 'idle' : 'saved'))
        .catch(() => {
          held.current = ''; // unknown: the next change writes again
          setStatus('idle');
        });
    };
    pending.current = write;
    const timer = setTimeout(write, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [loaded, path, text.body, text.subject, empty]);

  return status;
}
