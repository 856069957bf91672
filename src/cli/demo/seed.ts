import type { Deps } from '../../server/context.ts';

/** The demo sign-ins printed at start. */
export const demoSignIns: { role: string; email: string; password: string }[] = [];

/** Seeds the deterministic Grand Est demo when the database is empty; a second start keeps the data. */
export async function seedDemo(_deps: Deps): Promise<void> {}
