/**
 * A simple in-process queue for import jobs: one at a time, in arrival order, so two large imports
 * never compete for the database (PGlite has one connection). Jobs are lost when the process stops;
 * a restart leaves their rows `pending` or `running`.
 *
 * The jobs worker of the workflow issue takes this over (durable jobs in the `jobs` table, retries).
 */
export class ImportQueue {
  #tail: Promise<void> = Promise.resolve();
  #pending = 0;

  constructor(private readonly onError: (error: unknown) => void = () => {}) {}

  enqueue(job: () => Promise<unknown>): void {
    this.#pending++;
    this.#tail = this.#tail
      .then(async () => {
        await job();
      })
      .catch(this.onError)
      .finally(() => {
        this.#pending--;
      });
  }

  get pending(): number {
    return this.#pending;
  }

  /** Resolves when every queued job has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.#pending > 0) await this.#tail;
  }
}
