import type { Actor, Deps } from '../../server/context.ts';
import type { DemoKind } from './catalogue.ts';
import type { Rng } from './prng.ts';

/** What the directory part of the demo created, handed to every module's demo seeder. */
export type DemoContext = {
  deps: Deps;
  /** A generator of its own for each seeder (`ctx.rng('events')`): adding a seeder never changes another's data. */
  rng(name: string): Rng;
  networks: {
    /** The regional ESS chamber (region:44), with every ESS organisation attached. */
    chamber: { id: string; slug: string; name: string };
    /** The business club of southern Haute-Marne, with its member companies attached. */
    club: { id: string; slug: string; name: string };
  };
  organizations: {
    id: string;
    name: string;
    kind: DemoKind;
    essFamily: string;
    communeCode: string;
    departmentCode: string;
    /** What it shows on a fair stand, in its own words (null for the club's companies). */
    standPitch: string | null;
    /** Network keys the organisation is attached to. */
    networks: ('chamber' | 'club')[];
  }[];
  /** The demo accounts as actors, to call services on their behalf. */
  actors: { admin: Actor; chamberCoordinator: Actor; clubCoordinator: Actor; editor: Actor };
};

/**
 * One module's demo data (events, observatory…): runs once, on the first start, after the directory is seeded.
 * Insert through the module's services, mark rows as demo where the table allows it, and stay fast (the whole demo
 * must seed in a few seconds on the embedded database).
 */
export type DemoSeeder = { name: string; run(ctx: DemoContext): Promise<void> };
