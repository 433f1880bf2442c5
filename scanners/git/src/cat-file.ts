/**
 * One long-lived `git cat-file --batch` process: requests are written as they come, answers are
 * parsed from the stream in the same order. Callers bound how many requests are in flight, so at
 * most that many blobs are held in memory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError, gitEnv, gitExecutable, gitStderrSummary } from './git.js';

export interface GitObject {
  oid: string;
  type: string;
  size: number;
  /** The content; empty when the object was over the size limit (`skipped` is then true). */
  data: Buffer;
  skipped?: boolean;
}

interface Pending {
  oid: string;
  resolve: (object: GitObject) => void;
  reject: (error: Error) => void;
}

const LF = 10;
const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export class CatFileBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Header of the object whose content is being read. */
  private current: { oid: string; type: string; size: number; left: number; skip: boolean } | undefined;
  private stderr = '';
  private failure: Error | undefined;
  private closed = false;

  /** Objects larger than `maxBytes` are streamed past and answered with no content. */
  constructor(
    readonly repo: string,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.child = spawn(gitExecutable(), ['-C', repo, 'cat-file', '--batch'], { env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 65536) this.stderr += chunk.toString('utf8');
    });
    this.child.stdin.on('error', () => {
      /* reported through 'close' */
    });
    this.child.on('error', (error) => this.fail(new GitError(`cannot run git cat-file: ${error.message}`, 'cat-file', null)));
    this.child.on('close', (code) => {
      this.closed = true;
      if (this.pending.length > 0) {
        this.fail(new GitError(`git cat-file ended early: ${gitStderrSummary(this.stderr) || `exit code ${code}`}`, 'cat-file', code));
      }
    });
  }

  /** Reads one object by id. A missing object rejects with a GitError. */
  read(oid: string): Promise<GitObject> {
    return this.readMany([oid])[0]!;
  }

  /**
   * Reads several objects, answered in order: one write to git for all of them (a write per id
   * costs a system call and a wake-up of git each, which adds up over thousands of blobs).
   */
  readMany(oids: string[]): Promise<GitObject>[] {
    const reads: Promise<GitObject>[] = [];
    let request = '';
    for (const oid of oids) {
      if (this.failure) reads.push(Promise.reject(this.failure));
      else if (this.closed) reads.push(Promise.reject(new GitError('git cat-file is closed', 'cat-file', null)));
      else if (!OID.test(oid)) reads.push(Promise.reject(new GitError(`not an object id: ${oid}`, 'cat-file', null)));
      else {
        reads.push(new Promise<GitObject>((resolve, reject) => this.pending.push({ oid, resolve, reject })));
        request += `${oid}\n`;
      }
    }
    if (request !== '') this.child.stdin.write(request);
    return reads;
  }

  /** Ends the process; waits for it to exit. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('close', () => resolve());
      this.child.stdin.end();
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.splice(0)) p.reject(this.failure);
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (!this.current) {
        const header = this.takeLine();
        if (header === undefined) return;
        const request = this.pending[0];
        const parts = header.split(' ');
        if (parts[1] === 'missing' || parts[1] === 'ambiguous' || parts.length !== 3) {
          this.pending.shift();
          request?.reject(new GitError(`git object ${parts[0] ?? '?'} is ${parts[1] ?? 'unreadable'} (a corrupt or incomplete repository?)`, 'cat-file', null));
          continue;
        }
        const size = Number(parts[2]);
        this.current = { oid: parts[0]!, type: parts[1]!, size, left: size + 1, skip: size > this.maxBytes };
      }
      if (this.current.skip) {
        // Drop the content (and its LF) as it streams past.
        const n = Math.min(this.current.left, this.buffered);
        if (n > 0) this.take(n);
        this.current.left -= n;
        if (this.current.left > 0) return;
        const { oid, type, size } = this.current;
        this.current = undefined;
        this.pending.shift()?.resolve({ oid, type, size, data: Buffer.alloc(0), skipped: true });
        continue;
      }
      // Content plus the LF that follows it.
      if (this.buffered < this.current.size + 1) return;
      const data = this.take(this.current.size + 1).subarray(0, this.current.size);
      const request = this.pending.shift();
      const { oid, type, size } = this.current;
      this.current = undefined;
      request?.resolve({ oid, type, size, data });
    }
  }

  private takeLine(): string | undefined {
    let offset = 0;
    for (const chunk of this.chunks) {
      const i = chunk.indexOf(LF);
      if (i >= 0) {
        const line = this.take(offset + i + 1);
        return line.toString('utf8', 0, line.length - 1);
      }
      offset += chunk.length;
    }
    return undefined;
  }

  /** Removes and returns the first n buffered bytes. */
  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const c = this.chunks[0]!;
        const want = n - filled;
        if (c.length <= want) {
          c.copy(out, filled);
          filled += c.length;
          this.chunks.shift();
        } else {
          c.copy(out, filled, 0, want);
          this.chunks[0] = c.subarray(want);
          filled += want;
        }
      }
    }
    this.buffered -= n;
    return out;
  }
}
