/** A one-line progress indicator on stderr, only when stderr is a TTY and the scan runs long. */
export interface Progress {
  tick(files: number, bytes: number): void;
  done(): void;
}

const SILENT: Progress = { tick() {}, done() {} };

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean, delayMs = 1000): Progress {
  if (!enabled || !stream.isTTY) return SILENT;
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    tick(files, bytes) {
      const now = Date.now();
      if (now - started < delayMs || now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\u001b[2Kscanning: ${files} files, ${(bytes / 1048576).toFixed(1)} MB`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
