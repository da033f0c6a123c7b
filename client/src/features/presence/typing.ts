import type { PresenceState } from '@helpdesk/contract';

/** How long after the last keystroke one still counts as typing. */
const TYPING_MS = 8_000;

// What this tab is doing, shared by the page's heartbeat and the composer (one ticket page at a time).
let typing: { state: PresenceState; until: number } | null = null;
let onStart: (() => void) | null = null;

/** The composer reports a keystroke; the first one of a stretch sends a heartbeat at once. */
export function noteTyping(state: PresenceState) {
  const starting = !typing || typing.until < Date.now() || typing.state !== state;
  typing = { state, until: Date.now() + TYPING_MS };
  if (starting) onStart?.();
}

/** The state the next heartbeat sends. */
export const currentState = (): PresenceState => (typing && typing.until > Date.now() ? typing.state : 'viewing');

/** The page's heartbeat listens for the start of typing. */
export function onTypingStart(listener: (() => void) | null) {
  onStart = listener;
  typing = null;
}
