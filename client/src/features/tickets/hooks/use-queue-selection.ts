import { useState } from 'react';

/** The queue's keyboard cursor (a row index, -1 for none) and the tickets picked for bulk actions. */
export function useQueueSelection() {
  const [cursor, setCursor] = useState(-1);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());

  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return {
    cursor,
    setCursor,
    picked,
    toggle,
    pickAll: (ids: string[]) => setPicked(new Set(ids)),
    clearPicked: () => setPicked(new Set()),
    /** Other filters show other rows: nothing stays selected. */
    reset: () => {
      setCursor(-1);
      setPicked(new Set());
    },
  };
}

export type QueueSelection = ReturnType<typeof useQueueSelection>;
