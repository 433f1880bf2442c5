/** SARIF types as core's reporter writes them (the CLI does not depend on @types/sarif itself). */
import type { toSarif } from '@leakguard/core';

export type Log = ReturnType<typeof toSarif>;
export type Run = Log['runs'][number];
export type Result = NonNullable<Run['results']>[number];
export type Notification = NonNullable<NonNullable<Run['invocations']>[number]['toolExecutionNotifications']>[number];
export type Location = NonNullable<Result['locations']>[number];
