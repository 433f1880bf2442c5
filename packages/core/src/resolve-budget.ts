/**
 * The bound on resolving references in one file (serverless `${self:}`, CloudFormation
 * `Fn::Sub`/`Fn::Join`, Terraform locals and variables). A few hundred bytes of references that
 * fan out can describe a value of gigabytes; every evaluator memoises each reference and charges
 * its work here, so a file costs at most `maxWork` steps and no resolved value grows past
 * `maxValueChars`. Hitting a bound leaves the value unresolved (never guessed into a finding or a
 * clean result) and becomes one `limit` notification naming where it happened, never the value.
 * Counting steps, not time, keeps the report the same on every machine and for any `--jobs`.
 */
import type { Notification } from './finding.js';

export interface ResolveLimits {
  /** Characters of one resolved string (and items of one resolved list or map). */
  maxValueChars: number;
  /**
   * Evaluation steps for the whole file (one per expression, reference, item copied or 64
   * characters copied), plus one per character of the file: a large file has more to evaluate.
   */
  maxWork: number;
}

/**
 * A real template resolves in a few thousand steps; a secret or a policy is far under 1 MiB.
 * A step allocates at most one small value, so the budget also bounds memory (~100 MB).
 */
export const RESOLVE_LIMITS: ResolveLimits = { maxValueChars: 1 << 20, maxWork: 1_000_000 };

export type LimitReason = 'too large' | 'too much work' | 'too deep';

export class ResolveBudget {
  private work = 0;
  private first: { reason: LimitReason; line: number; column: number } | undefined;
  private hits = 0;

  private readonly maxWork: number;

  /** `textLength`: the file's length, added to the work allowed. */
  constructor(
    textLength = 0,
    readonly limits: ResolveLimits = RESOLVE_LIMITS,
  ) {
    this.maxWork = limits.maxWork + textLength;
  }

  /** Charges `units` of work; false once the file's budget is spent (from then on, nothing resolves). */
  charge(units = 1): boolean {
    this.work += units;
    return this.work <= this.maxWork;
  }

  get spent(): boolean {
    return this.work > this.maxWork;
  }

  /** True when a value of `size` characters (or items) is within the bound. */
  fits(size: number): boolean {
    return size <= this.limits.maxValueChars;
  }

  /** Records a bound hit at a position (1-based line and column); the first one is reported. */
  hit(reason: LimitReason, line: number, column: number): void {
    this.hits++;
    this.first ??= { reason, line, column };
  }

  /** The notification for this file, when a bound was hit. */
  notification(path: string, what: string): Notification | undefined {
    if (!this.first) return undefined;
    const { reason, line, column } = this.first;
    const more = this.hits > 1 ? ` (${this.hits} values in all)` : '';
    if (reason === 'too deep') return { kind: 'limit', level: 'warning', message: `${what}: not resolved: references nested too deep${more}; those values stay unresolved`, path, line, column };
    // Either way the value is too large to resolve: its size, or the work to build it.
    const limit = reason === 'too large' ? `a value over ${this.limits.maxValueChars} characters` : `more than ${this.maxWork} resolution steps`;
    return {
      kind: 'limit',
      level: 'warning',
      message: `${what}: not resolved: too large (${limit})${more}; those values stay unresolved`,
      path,
      line,
      column,
    };
  }
}
