import type { Draft } from '@helpdesk/contract';
import { useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { deleteDraft, getDraft, saveDraft } from '../api/drafts';

const SAVE_AFTER_MS = 800;

/**
 * Keeps `text` as a server draft at `path` (issue 17): restores it when the box is empty on
 * arrival, saves it 0.8 s after the last keystroke (and when the page is left), removes it when
 * emptied or by `clear()` after sending; the browser asks before closing the page with unsent text,
 * and `blocker` holds a move to another page of the app until the user answers (LeaveGuard).
 */
export function useDraft(path: string, text: { body: string; subject?: string }, restore: (draft: Draft) => void) {
  const [status, setStatus] = useState<'idle' | 'saved'>('idle');
  const loaded = useRef<string | null>(null);
  const pending = useRef<(() => void) | null>(null);
  const latest = useRef(text);
  latest.current = text;
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  const empty = !text.body.trim() && !text.subject?.trim();
  // Sent: the page may move on (to the new ticket) although the box still shows the text.
  const sent = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new text after a send is unsent again
  useEffect(() => {
    if (!empty) sent.current = false;
  }, [text.body, text.subject, empty]);
  const unsent = useRef(false);
  unsent.current = !empty && !sent.current;
  // Another page of the app (not a hash or the same address) with unsent text: ask first.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsent.current && currentLocation.pathname !== nextLocation.pathname,
  );

  // Restore once per draft place, only into an empty box.
  useEffect(() => {
    const controller = new AbortController();
    getDraft(path, controller.signal)
      .then((draft) => {
        loaded.current = path;
        const current = latest.current;
        if (draft && (draft.body || draft.subject) && !current.body.trim() && !current.subject?.trim()) {
          restoreRef.current(draft);
          setStatus('saved');
        }
      })
      .catch(() => {
        loaded.current = path;
      });
    return () => controller.abort();
  }, [path]);

  // The pending save is flushed when the place changes or the page goes away (an in-app link).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs its clean-up when the place changes
  useEffect(() => () => pending.current?.(), [path]);

  // Debounced save.
  useEffect(() => {
    if (loaded.current !== path) return;
    const body = { body: text.body, ...(text.subject !== undefined ? { subject: text.subject } : {}) };
    const write = () => {
      pending.current = null;
      const done = empty ? deleteDraft(path) : saveDraft(path, body);
      done.then(() => setStatus(empty ? 'idle' : 'saved')).catch(() => setStatus('idle'));
    };
    pending.current = write;
    const timer = setTimeout(write, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [path, text.body, text.subject, empty]);

  // Closing or reloading the tab with unsent text asks first (the draft is kept either way).
  useEffect(() => {
    if (empty) return;
    const ask = (e: BeforeUnloadEvent) => {
      pending.current?.();
      e.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [empty]);

  return {
    status,
    blocker,
    /** After sending: forget the pending save and remove the draft. */
    clear: () => {
      sent.current = true;
      unsent.current = false;
      pending.current = null;
      setStatus('idle');
      return deleteDraft(path).catch(() => undefined);
    },
  };
}
