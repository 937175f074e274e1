// The host console and its forms (keeper only): create games, set the board count, start a board's
// next game, change the PIN, sign every keeper out. Forms post and come back with a 303.
import Router from '@koa/router';
import type { Context } from 'koa';
import { PRESETS, type PresetName } from '../domain/index.js';
import { readForm } from '../http/body.js';
import { HttpError } from '../http/errors.js';
import { publishChange } from '../realtime.js';
import { hostPage, joinBlock } from '../views/pages/host.js';
import { newGamePage } from '../views/pages/new-game.js';
import { settle } from './answers.js';
import { layoutBase, requireKeeperPage, sendHtml, withWatchers, type AppDeps } from './context.js';
import { setKeeperCookie } from './keeper.js';
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
    sendHtml(
      ctx,
      hostPage(
        {
          join: await deps.join(),
          pin: keepers.pin(),
          pinFixed: keepers.pinFromEnvironment(),
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
    ctx.redirect(`/keep/${answer.state.id}`);
  });

  router.post('/host/boards', async (ctx) => {
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

  router.post('/host/pin', async (ctx) => {
    const form = await readForm(ctx);
    const pin = (form.get('pin') ?? '').trim();
    // A malformed request (400) is answered before what the venue's state forbids (409).
    if (!/^\d{4,12}$/.test(pin)) throw new HttpError(400, 'bad_pin', 'A PIN is 4 to 12 digits.');
    if (keepers.pinFromEnvironment())
      throw new HttpError(409, 'pin_fixed', 'The PIN is set by KEEPER_PIN; change it there.');
    keepers.changePin(pin);
    // Every other keeper is signed out; this console stays signed in.
    setKeeperCookie(ctx, keepers.createSession(), deps.sessionTtlMs);
    back(ctx, 'PIN changed. Every keeper must sign in again with the new PIN.');
  });

  router.post('/host/sign-out-all', async (ctx) => {
    keepers.signOutEverywhere();
    setKeeperCookie(ctx, keepers.createSession(), deps.sessionTtlMs);
    back(ctx, 'Every other keeper has been signed out.');
  });

  return router;
}
