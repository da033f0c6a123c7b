import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { deleteDraft } from '../api/drafts';

/** What the guard and the keeper (loaded with the page's other parts) share. */
export interface DraftLink {
  /** The keeper's, once it has loaded. */
  keeper: DraftKeeper | null;
  /** The text was sent: a draft read after that does not come back into the emptied box. */
  sent: boolean;
}

export interface DraftKeeper {
  /** Saves the pending text now (the page is going away). */
  flush(): void;
  /** After sending: the text on screen is no longer a draft. */
  forget(): void;
}

/** A draft's text: the reply's body, or a new ticket's subject and description. */
export type DraftText = { body: string; subject?: string };

/** Nothing typed but spaces. */
export const isBlank = (text: DraftText) => !text.body.trim() && !text.subject?.trim();

/**
 * The leave guard of a text kept as a draft (issue 17), mounted with the composer: the browser
 * asks before closing the page with unsent text, and `blocker` holds a move to another page of
 * the app until the user answers (LeaveGuard). It makes no request; restoring and saving are the
 * keeper's (useDraftSync), which loads with the page's other parts and joins their batch.
 */
export function useDraft(path: string, text: DraftText) {
  const link = useRef<DraftLink>({ keeper: null, sent: false });
  const empty = isBlank(text);
  // Sent: the page may move on (to the new ticket) although the box still shows the text.
  // biome-ignore lint/correctness/useExhaustiveDependencies: new text after a send is unsent again
  useEffect(() => {
    if (!empty) link.current.sent = false;
  }, [text.body, text.subject, empty]);
  const unsent = useRef(false);
  unsent.current = !empty && !link.current.sent;
  // Another page of the app (not a hash or the same address) with unsent text: ask first.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsent.current && currentLocation.pathname !== nextLocation.pathname,
  );

  // Closing or reloading the tab with unsent text asks first (the draft is kept either way).
  useEffect(() => {
    if (empty) return;
    const ask = (e: BeforeUnloadEvent) => {
      link.current.keeper?.flush();
      e.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [empty]);

  return {
    blocker,
    link,
    /** After sending: forget the pending save and remove the draft. */
    clear: () => {
      link.current.sent = true;
      unsent.current = false;
      link.current.keeper?.forget();
      return deleteDraft(path).catch(() => undefined);
    },
  };
}
