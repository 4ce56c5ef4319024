import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely';

/**
 * PGlite has one connection. Kysely's PGlite driver hands that connection to every caller at
 * once, so two concurrent transactions would run inside one another. This wrapper makes the
 * connection a lease: a query or a whole transaction holds it until it is released, and others
 * queue in arrival order. A caller that waits too long gets a clear error instead of hanging
 * (the usual cause is code that uses the database instead of its open transaction).
 */
export class SerialDriver implements Driver {
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(
    private readonly inner: Driver,
    private readonly waitLimitMs = 30_000,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#queue = previous.then(() => mine);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Database busy: waited more than ${this.waitLimitMs} ms for the connection`)),
        this.waitLimitMs,
      );
    });
    try {
      await Promise.race([previous, timeout]);
    } catch (error) {
      // Give our turn away as soon as it comes, so the queue keeps moving.
      void previous.then(release);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    this.#release = release;
    return this.inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection);
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  savepoint(...args: Parameters<NonNullable<Driver['savepoint']>>): Promise<void> {
    return this.inner.savepoint!(...args);
  }

  rollbackToSavepoint(...args: Parameters<NonNullable<Driver['rollbackToSavepoint']>>): Promise<void> {
    return this.inner.rollbackToSavepoint!(...args);
  }

  releaseSavepoint(...args: Parameters<NonNullable<Driver['releaseSavepoint']>>): Promise<void> {
    return this.inner.releaseSavepoint!(...args);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
