/** Messages between `leakguard history` and its blob workers (all structured-cloneable). */
import type { Finding, LeakguardConfig, Notification } from '@leakguard/core';

export interface BlobWorkerInit {
  config: LeakguardConfig;
}

/** A batch of blobs: their bytes back to back in one transferred buffer. */
export interface BlobBatch {
  type: 'batch';
  id: number;
  paths: string[];
  /** End offset of each blob in `bytes`. */
  ends: number[];
  bytes: Uint8Array;
}

export interface BlobOutcome {
  /** True when the blob looked binary and was not scanned. */
  binary: boolean;
  findings: Finding[];
  notifications: Notification[];
}

export type BlobWorkerMessage =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | { type: 'result'; id: number; outcomes: BlobOutcome[] };
