import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The file store: one file per upload, named by its id, under a directory the caller chooses (the
 * server uses `<FORECOURT_DATA_DIR>/files`, in PostgreSQL mode too). Bytes arrive in `.incoming/` and
 * are renamed into place only when complete, so a reader never sees a partial file.
 */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const INCOMING = '.incoming';

/** Where the bytes of `fileId` live: sharded by two id characters so no directory grows huge. */
export function storedFilePath(storageDir: string, fileId: string): string {
  // Ids come from our own tables, but a path is the last place to trust that.
  if (!SAFE_ID.test(fileId)) throw new Error(`Not a file id: ${fileId}`);
  const shard = fileId.replace(/^[a-z]+_/, '').slice(0, 2) || '00';
  return join(storageDir, shard, fileId);
}

export interface WrittenFile {
  size: number;
  sha256: string;
}

export interface WriteOptions {
  /** Hard limit: one byte more aborts the write with `tooLarge()`. */
  maxBytes: number;
  tooLarge: () => Error;
  /** Sees the first `headBytes` bytes (or the whole file if shorter) before more is written; may throw. */
  inspectHead?: (head: Buffer) => Promise<void>;
  headBytes?: number;
}

/**
 * Streams `source` into the store as `fileId`, hashing and counting on the way. On any failure the
 * temporary file is deleted and nothing is left behind.
 */
export async function writeStoredFile(
  storageDir: string,
  fileId: string,
  source: Readable,
  options: WriteOptions,
): Promise<WrittenFile> {
  const target = storedFilePath(storageDir, fileId);
  const temp = join(storageDir, INCOMING, `${fileId}.${randomBytes(4).toString('hex')}.part`);
  await mkdir(join(storageDir, INCOMING), { recursive: true });
  const meter = new Meter(options);
  try {
    await pipeline(source, meter, createWriteStream(temp, { flags: 'wx' }));
    // A multipart parser that hits its own limit ends the stream early instead of failing it.
    if ((source as { truncated?: boolean }).truncated) throw options.tooLarge();
    await mkdir(join(target, '..'), { recursive: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { size: meter.size, sha256: meter.hash.digest('hex') };
}

export async function removeStoredFile(storageDir: string, fileId: string): Promise<void> {
  await rm(storedFilePath(storageDir, fileId), { force: true });
}

/** Counts, hashes and holds back the head until it has been inspected. */
class Meter extends Transform {
  size = 0;
  readonly hash = createHash('sha256');
  private head: Buffer[] = [];
  private headSize = 0;
  private inspected = false;

  constructor(private readonly options: WriteOptions) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.size += chunk.length;
    if (this.size > this.options.maxBytes) {
      done(this.options.tooLarge());
    } else if (this.inspected) {
      this.hash.update(chunk);
      this.push(chunk);
      done();
    } else {
      this.hash.update(chunk);
      this.head.push(chunk);
      this.headSize += chunk.length;
      if (this.headSize < (this.options.headBytes ?? 4100)) done();
      else this.release().then(() => done(), done);
    }
  }

  override _flush(done: (error?: Error | null) => void): void {
    if (this.inspected) done();
    else this.release().then(() => done(), done);
  }

  /** Inspects the head once, then lets it through: a refused type stops the upload after a few KB. */
  private async release(): Promise<void> {
    this.inspected = true;
    const head = Buffer.concat(this.head);
    this.head = [];
    await this.options.inspectHead?.(head.subarray(0, this.options.headBytes ?? 4100));
    this.push(head);
  }
}
