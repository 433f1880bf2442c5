import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../src/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

describe('progress on stderr', () => {
  afterEach(() => vi.useRealTimers());

  it('stays silent for a short scan', () => {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(true);
    const progress = createProgress(stream, true, 1000);
    progress.tick(10, 1000);
    vi.advanceTimersByTime(500);
    progress.tick(20, 2000);
    progress.done();
    expect(writes).toEqual([]);
  });

  it('shows files and megabytes once the scan runs long, then clears the line', () => {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(true);
    const progress = createProgress(stream, true, 1000);
    vi.advanceTimersByTime(1500);
    progress.tick(1200, 5 * 1048576);
    progress.done();
    expect(writes).toEqual(['\r\u001b[2Kscanning: 1200 files, 5.0 MB', '\r\u001b[2K']);
  });

  it.each([
    ['stderr is not a TTY', false, true],
    ['--quiet', true, false],
  ])('never writes when %s', (_name, tty, enabled) => {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(tty);
    const progress = createProgress(stream, enabled, 0);
    vi.advanceTimersByTime(5000);
    progress.tick(1, 1);
    progress.done();
    expect(writes).toEqual([]);
  });
});
