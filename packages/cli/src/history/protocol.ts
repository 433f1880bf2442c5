/** Messages between `leakguard history` and its blob workers (all structured-cloneable). */
import type { Finding, LeakguardConfig, Notification } from '@leakguard/core';

export interface BlobWorkerInit {
  config: LeakguardConfig;
  /** The repository: each worker reads the blobs it is sent through its own `git cat-file --batch`. */
  repo: string;
  /** Blobs larger than this are not read (`large` outcome). */
  maxBytes: number;
}

/**
 * A batch of blobs by object id (and the path each was introduced under). Only ids cross threads:
 * the worker reads the contents itself, so the walking thread never copies or transfers blob bytes.
 */
export interface BlobBatch {
  type: 'batch';
  id: number;
  oids: string[];
  paths: string[];
}

export interface BlobOutcome {
  /** The blob's size in bytes. */
  size: number;
  /** True when the blob was over the size limit and was not read. */
  large?: boolean;
  /** True when the blob looked binary and was not scanned. */
  binary: boolean;
  findings: Finding[];
  notifications: Notification[];
}

/**
 * A worker's answer to a batch (see worker-pool.ts for the other messages). `gitError`: reading a
 * blob failed (a missing object, git ended): the whole history scan fails.
 */
export interface BlobAnswer {
  outcomes: BlobOutcome[];
  gitError?: string;
}
