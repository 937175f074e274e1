// The host console and its forms. Keepers create games and start a board's next game; the organiser
// also sets the board count, changes the PINs and signs keepers out. Forms post and come back with a
// 303 whose message says what happened (and, for a sign-out, whom it signed out).
import Router from '@koa/router';
import type { Context } from 'koa';
import { PRESETS, type PresetName } from '../domain/index.js';
import { readForm } from '../http/body.js';
import { HttpError } from '../http/errors.js';
import { publishChange } from '../realtime.js';
import { hostPage, joinBlock } from '../views/pages/host.js';
import { newGamePage } from '../views/pages/new-game.js';
import { settle } from './answers.js';
import type { Role, SignedIn } from '../auth.js';
import {
  isOrganiser,
  layoutBase,
  requireKeeperPage,
  requireOrganiser,
  sendHtml,
  withWatchers,
  type AppDeps,
} from './context.js';
import { createGameSchema, parse } from './schemas.js';

function players(raw: string | null): string[] {
  return (raw ?? '')
    .split(/[,&]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function hostRouter(deps: AppDeps): Router {
  const { games, keepers, hub } = deps;
  const router = new Router();

  const back = (ctx: Context, message?: string) => {
    ctx.status = 303;
    ctx.redirect(message ? `/host?msg=${encodeURIComponent(message)}` : '/host');
  };

  router.get('/host', async (ctx) => {
    if (!requireKeeperPage(ctx)) return;
    const msg = typeof ctx.query.msg === 'string' ? ctx.query.msg.slice(0, 200) : null;
    const boards = games.boards().map((b) => withWatchers(hub, b));
    const organiser = isOrganiser(ctx);
    sendHtml(
      ctx,
      hostPage(
        {
          join: await deps.join(),
          // A keeper's console carries neither PIN nor the venue's controls.
          venue: organiser
            ? {
                keeperPin: keepers.pin('keeper'),
                keeperPinFixed: keepers.pinFromEnvironment('keeper'),
                organiserPin: keepers.pin('organiser'),
                organiserPinFixed: keepers.pinFromEnvironment('organiser'),
                signedIn: keepers.signedIn(),
              }
            : null,
          boards,
          boardCount: games.boardCount(),
          venueSeq: games.venueSeq(),
          message: msg,
        },
        layoutBase(ctx, deps),
      ),
    );
  });

  router.get('/host/join', async (ctx) => {
    if (!requireKeeperPage(ctx)) return;
    sendHtml(ctx, joinBlock(await deps.join()));
  });

  router.post('/host/games', async (ctx) => {
    const form = await readForm(ctx);
    const preset = (form.get('preset') ?? 'standard') as PresetName;
    const boardRaw = form.get('board') ?? '';
    let body;
    try {
      body = parse(createGameSchema, {
        home: { name: form.get('home') ?? '', players: players(form.get('homePlayers')) },
        away: { name: form.get('away') ?? '', players: players(form.get('awayPlayers')) },
        board: boardRaw === '' ? null : Number(boardRaw),
        preset,
      });
    } catch (err) {
      ctx.status = 400;
      sendHtml(ctx, newGamePage(games.boardCount(), (err as Error).message, layoutBase(ctx, deps)));
      ctx.status = 400;
      return;
    }
    const key = form.get('key');
    const result = games.create(
      {
        home: { name: body.home.name, players: body.home.players ?? [] },
        away: { name: body.away.name, players: body.away.players ?? [] },
        board: body.board ?? null,
        rules: PRESETS[body.preset ?? 'standard'].rules,
      },
      {
        request: key
          ? { key: `form:${key}`, method: ctx.method, path: ctx.path, body: Object.fromEntries(form) }
          : undefined,
      },
    );
    const answer = settle(hub, result);
    if (!answer.ok) {
      ctx.status = answer.status;
      sendHtml(ctx, newGamePage(games.boardCount(), answer.error, layoutBase(ctx, deps)));
      ctx.status = answer.status;
      return;
    }
    ctx.status = 303;
    ctx.redirect(`/keep/${answer.state!.id}`);
  });

  router.post('/host/boards', async (ctx) => {
    requireOrganiser(ctx);
    const form = await readForm(ctx);
    const n = Number(form.get('count'));
    if (!Number.isInteger(n) || n < 1 || n > 64)
      throw new HttpError(400, 'bad_board_count', 'The number of boards must be 1 to 64.');
    publishChange(hub, games.setBoardCount(n), null);
    back(ctx, `The venue now has ${n} board${n === 1 ? '' : 's'}.`);
  });

  router.post('/host/boards/:n/next', async (ctx) => {
    const answer = settle(hub, games.startNext(Number(ctx.params.n)));
    back(ctx, answer.ok ? 'The next game is on.' : answer.error);
  });

  const changePin = (role: Role) =>
    async function changePinRoute(ctx: Context): Promise<void> {
      requireOrganiser(ctx);
      const form = await readForm(ctx);
      const pin = (form.get('pin') ?? '').trim();
      const name = role === 'keeper' ? 'KEEPER_PIN' : 'ORGANISER_PIN';
      // A malformed request (400) is answered before what the venue's state forbids (409).
      if (!/^\d{4,12}$/.test(pin)) throw new HttpError(400, 'bad_pin', 'A PIN is 4 to 12 digits.');
      if (keepers.pinFromEnvironment(role))
        throw new HttpError(409, 'pin_fixed', `The PIN is set by ${name}; change it there.`);
      if (pin === keepers.pin(role === 'keeper' ? 'organiser' : 'keeper'))
        throw new HttpError(409, 'pin_taken', 'The keeper PIN and the organiser PIN must differ.');
      const ended = keepers.changePin(role, pin, ctx.state.access.session);
      const what = role === 'keeper' ? 'Keeper PIN changed' : 'Organiser PIN changed';
      back(ctx, `${what}. ${signedOutSentence(ended)}`);
    };

  router.post('/host/pin', changePin('keeper'));
  router.post('/host/organiser-pin', changePin('organiser'));

  router.post('/host/sign-out-all', async (ctx) => {
    requireOrganiser(ctx);
    const ended = keepers.signOutAll(ctx.state.access.session);
    back(ctx, signedOutSentence(ended));
  });

  return router;
}

/** Says whom a PIN change or sign-out ended, and who stays signed in. */
export function signedOutSentence(ended: SignedIn): string {
  const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  const parts = [];
  if (ended.keeper > 0) parts.push(n(ended.keeper, 'keeper'));
  if (ended.organiser > 0) parts.push(n(ended.organiser, 'other organiser phone'));
  const who = parts.length ? `Signed out ${parts.join(' and ')}` : 'Nobody else was signed in';
  return `${who}; you and the host laptop stay signed in.`;
}
