/** Messages between the scan's main thread and its worker threads (all structured-cloneable). */
import type { Finding, LeakguardConfig, Notification } from '@leakguard/core';

export interface WorkerInit {
  config: LeakguardConfig;
  maxBytes: number;
  /** `--cache`: the namespace each worker reads (what it computes goes back in its results). */
  cache?: { dir: string; namespace: string };
}

export interface BatchFile {
  absolute: string;
  path: string;
  /** The exact path bytes to open when a name is not valid UTF-8 (a Uint8Array in a worker). */
  raw?: Uint8Array;
}

export interface BatchRequest {
  type: 'batch';
  id: number;
  files: BatchFile[];
}

/** What a batch (or the in-process fallback) produced. Findings are already hashed and redacted. */
export interface BatchResult {
  findings: Finding[];
  notifications: Notification[];
  filesScanned: number;
  bytesScanned: number;
  filesSkipped: number;
  /** `--cache`: results computed here, as [key, JSON] (written by the main thread at the end). */
  cacheAdded?: [string, string][];
}

/** A worker's answer to a batch (see worker-pool.ts for the other messages). */
export interface WorkerAnswer {
  result: BatchResult;
}
