// What every router is built from (createApp's dependencies), and small helpers the routers share.
import type { Context } from 'koa';
import type { Keepers } from '../auth.js';
import type { PinLimiter } from '../auth/limiter.js';
import type { ClientOf } from '../http/client-address.js';
import { HttpError } from '../http/errors.js';
import type { Games, VenueReads } from '../games.js';
import type { Hub } from '../hub/index.js';
import type { PublishingSwitch } from '../relay/switch.js';
import type { Scoreboards } from '../scoreboards.js';
import type { TournamentReads } from '../tournaments/types.js';
import type { JoinInfo, RedisStatus } from '../views/pages/host.js';
import type { BoardView } from '../views/partials/board-card.js';
import type { Assets } from './assets.js';

export type { RedisStatus };

/**
 * What the read surfaces are built from (pages, fragments, streams, JSON reads): on the primary the
 * games service itself, on a relay its read model fed through Redis (server/relay/).
 */
export interface ReadDeps {
  /** The venue's games, boards and lists as the read surfaces show them. */
  reads: VenueReads;
  /** What the tournaments' pages read (the games service's tournaments; tests may hand in others). */
  tournaments: TournamentReads;
  /** `relay`: a read-only copy of the venue; its pages offer no keeper links (CONTRACT.md "Relays"). */
  role: 'primary' | 'relay';
  /** The scoreboard fragment per game version (shared with the fast path ahead of Koa). */
  scoreboards: Scoreboards;
  hub: Hub;
  assets: Assets;
  /** Names and addresses this server answers to (Host check). */
  allowedHost: (hostname: string) => boolean;
  /** How phones join, for the host console. */
  join: () => Promise<JoinInfo>;
  /** Extra figures for /api/health. */
  health?: () => Record<string, unknown>;
  /** Whether the hub reaches Redis now: null with HUB=local (health and the host console say it). */
  redisStatus?: () => RedisStatus;
  /** A line every page shows under its top bar (a relay's own state), or null. */
  notice?: () => string | null;
  /** Who a request is from (TRUST_PROXY); the socket's peer when absent. */
  clientOf?: ClientOf;
  /** Who may frame the overlays (OVERLAY_FRAME_ANCESTORS): CSP sources; `*` when absent. */
  overlayFrameAncestors?: readonly string[];
}

/** The primary's routers: the reads, and the writes, keeper pages and logins behind them. */
export interface AppDeps extends ReadDeps {
  games: Games;
  keepers: Keepers;
  /** Wrong PINs per device and for the whole venue (shared through Redis when HUB=redis). */
  limiter: PinLimiter;
  sessionTtlMs: number;
  /** Publishing for relays: the organiser's switch on the host console (absent in some tests). */
  publishing?: PublishingSwitch;
}

export function isKeeper(ctx: Context): boolean {
  return ctx.state.access?.keeper === true;
}

export function isOrganiser(ctx: Context): boolean {
  return ctx.state.access?.organiser === true;
}

/**
 * Running the venue is the organiser's (CONTRACT.md "Who may do what"). Called first in a route, so a
 * keeper hears 403 before anything about the request's body or its game.
 */
export function requireOrganiser(ctx: Context): void {
  if (isOrganiser(ctx)) return;
  throw new HttpError(
    403,
    'organiser_required',
    'Only the organiser can do this: sign in with the organiser PIN, or use the host laptop.',
  );
}

export function layoutBase(ctx: Context, deps: ReadDeps) {
  return {
    assets: deps.assets.urls(),
    keeper: isKeeper(ctx),
    readOnly: deps.role === 'relay',
    notice: deps.notice?.() ?? null,
  };
}

/** Keeper pages send strangers to the login page, which brings them back afterwards. */
export function requireKeeperPage(ctx: Context): boolean {
  if (isKeeper(ctx)) return true;
  ctx.status = 303;
  ctx.redirect(`/keeper/login?next=${encodeURIComponent(ctx.originalUrl)}`);
  return false;
}

export function sendHtml(ctx: Context, markup: { value: string }): void {
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = markup.value;
}

/** A board's card data with the number of phones watching its current game. */
export function withWatchers(hub: Hub, b: BoardView): BoardView {
  return { ...b, watchers: b.current ? hub.count(`game:${b.current.id}`) : 0 };
}
