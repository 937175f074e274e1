// Whether the primary publishes its venue for relays: on with PUBLISH=1, else the organiser's switch
// on the host console (kept in the database, so it survives a restart). Players' names go public, so
// it starts off; turning it off takes the venue off Redis.
import { randomBytes } from 'node:crypto';
import type { Games } from '../games.js';
import { VENUE_NAME } from './protocol.js';
import { Publisher, type PublisherOptions } from './publisher.js';

const SETTING_ON = 'relay_publish';
const SETTING_VENUE = 'relay_venue';

export type PublishingState = 'off' | 'starting' | 'up' | 'down';

export interface PublishingView {
  venue: string;
  /** PUBLISH=1: on for as long as the process runs; the switch cannot turn it off. */
  forced: boolean;
  state: PublishingState;
  /** Entries written, changes found already there, whole-venue sends, resets, failed steps. */
  counts: Publisher['counts'] | null;
  /** Why it is off though it was left on, or null. */
  problem: string | null;
}

export class PublishingSwitch {
  private publisher: Publisher | null = null;
  private busy: Promise<unknown> = Promise.resolve();
  /** Why publishing is off though the organiser left it on (Redis unreachable at the start). */
  private problem: string | null = null;

  private constructor(
    private readonly games: Pick<Games, 'setting' | 'setSetting'>,
    private readonly opts: Omit<PublisherOptions, 'venue'>,
    readonly venue: string,
    readonly forced: boolean,
  ) {}

  /**
   * The venue's name (VENUE, else one made once and kept in the database), and publishing as it was
   * left (or PUBLISH=1): a Redis that cannot be reached then stops the start, naming REDIS_URL.
   */
  static async start(
    games: Pick<Games, 'setting' | 'setSetting'>,
    opts: Omit<PublisherOptions, 'venue'> & { venue?: string; forced: boolean },
  ): Promise<PublishingSwitch> {
    let venue = opts.venue ?? games.setting(SETTING_VENUE);
    if (venue === null || !VENUE_NAME.test(venue)) {
      venue = `venue-${randomBytes(6).toString('base64url')}`;
      games.setSetting(SETTING_VENUE, venue);
    }
    const s = new PublishingSwitch(games, opts, venue, opts.forced);
    if (opts.forced) await s.turnOn();
    else if (games.setting(SETTING_ON) === '1') {
      // Left on last time: a venue without its Redis today still opens, and the console says why.
      try {
        await s.turnOn();
      } catch (err) {
        s.problem = `Publishing did not start: ${(err as Error).message}`;
        (opts.log ?? ((line: string) => console.warn(line)))(`BagTrax: ${s.problem}`);
      }
    }
    return s;
  }

  /** The publisher while publishing is on (the hub hands it every change). */
  current(): Publisher | null {
    return this.publisher;
  }

  view(): PublishingView {
    const p = this.publisher;
    return {
      venue: this.venue,
      forced: this.forced,
      state: p ? p.state() : 'off',
      counts: p ? { ...p.counts } : null,
      problem: p ? null : this.problem,
    };
  }

  /** The organiser's switch. Turning on fails (and stays off) when Redis cannot be reached. */
  set(on: boolean): Promise<void> {
    const next = this.busy.then(async () => {
      if (!on && this.forced) {
        throw new Error('Publishing was switched on with PUBLISH=1 when BagTrax started; it stays on.');
      }
      if (on) {
        await this.turnOn();
        this.problem = null;
        this.games.setSetting(SETTING_ON, '1');
      } else {
        this.games.setSetting(SETTING_ON, '0');
        const p = this.publisher;
        this.publisher = null;
        await p?.close(true);
      }
    });
    this.busy = next.catch(() => undefined);
    return next;
  }

  private async turnOn(): Promise<void> {
    if (this.publisher) return;
    this.publisher = await Publisher.start({ ...this.opts, venue: this.venue });
  }

  /** The server stops: relays keep the last state (publishing stays on for the next start). */
  async close(): Promise<void> {
    await this.busy;
    const p = this.publisher;
    this.publisher = null;
    await p?.close(false);
  }
}
