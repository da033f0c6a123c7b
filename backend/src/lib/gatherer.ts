interface Waiting<In, Out> {
  input: In;
  resolve: (out: Out) => void;
  reject: (err: unknown) => void;
}

export interface GatherLimits {
  /** Most inputs in one batch. */
  maxSize: number;
  /** Most batches handled at once; the inputs that arrive meanwhile wait and go together. */
  maxInFlight: number;
}

/**
 * Hands the inputs that arrive together to `handle` as one batch, the way PostgreSQL's group
 * commit gathers commits: the inputs of one turn of the event loop go together (setImmediate runs
 * after its I/O), and while `maxInFlight` batches are being handled the inputs that come in wait
 * and then go as the next batch (at most `maxSize`). An idle process waits only for the rest of
 * the turn. Used by the rate-limit counter (decision 029) and by ticket filing (decision 032).
 *
 * `handle` answers each input's outcome in order: a value, or an Error for that input alone;
 * when it throws, every input of the batch fails with that error.
 */
export class Gatherer<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private inFlight = 0;

  constructor(
    private readonly handle: (inputs: In[]) => Promise<(Out | Error)[]>,
    private readonly limits: GatherLimits = { maxSize: Number.POSITIVE_INFINITY, maxInFlight: 1 },
  ) {}

  add(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.waiting.length === 1 && this.inFlight < this.limits.maxInFlight) setImmediate(() => this.next());
    });
  }

  private next(): void {
    while (this.inFlight < this.limits.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.limits.maxSize);
      this.inFlight++;
      void this.settle(batch).finally(() => {
        this.inFlight--;
        this.next();
      });
    }
  }

  private async settle(batch: Waiting<In, Out>[]): Promise<void> {
    try {
      const outs = await this.handle(batch.map((w) => w.input));
      batch.forEach((w, i) => {
        const out = outs[i];
        if (out instanceof Error) w.reject(out);
        else w.resolve(out as Out);
      });
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}
