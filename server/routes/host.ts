// The host console and its forms. Keepers create, fix and start games; the organiser also sets the
// board count, reorders, removes and restores games, changes the PINs and signs keepers out. Forms
// post and come back with a 303 and a one-time message (a signed cookie, never the URL).
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Role, SignedIn } from '../auth.js';
import type { GameEdit } from '../domain/index.js';
import type { WriteResult } from '../games.js';
import { readForm } from '../http/body.js';
import { HttpError, notFound } from '../http/errors.js';
import { setFlash, takeFlash, type FlashTone } from '../http/flash.js';
import { publishChange } from '../realtime.js';
import { editGamePage, whereText, type EditValues } from '../views/pages/edit-game.js';
import { hostPage, hostStatus, joinBlock } from '../views/pages/host.js';
import { newGamePage } from '../views/pages/new-game.js';
import { removedList, resultsTable } from '../views/partials/results.js';
import { settle } from './answers.js';
import {
  isOrganiser,
  layoutBase,
  requireKeeperPage,
  requireOrganiser,
  sendHtml,
  withWatchers,
  type AppDeps,
} from './context.js';
import { formValues, gameFromForm } from './new-game-form.js';
import { editGameSchema, gameId, parse } from './schemas.js';
import { tonight } from './tournament-pages.js';

/** Where a form may send the browser back to: the console, the boards page keepers land on, or a pad. */
function backPath(raw: string | null): string {
  if (raw === '/') return '/';
  return raw !== null && /^\/keep\/[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : '/host';
}

export function hostRouter(deps: AppDeps): Router {
  const { games, keepers, hub } = deps;
  const router = new Router();

  const back = (ctx: Context, message: string, tone: FlashTone = 'ok', path = '/host') => {
    setFlash(ctx, message, tone);
    ctx.status = 303;
    ctx.redirect(path);
  };

  /** The id in the URL of a form route, or a 404. */
  const idOf = (ctx: Context): string => {
    const id = gameId(ctx.params.id ?? '');
    if (!id) throw notFound();
    return id;
  };

  router.get('/host', async (ctx) => {
    if (!requireKeeperPage(ctx)) return;
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
          flash: takeFlash(ctx),
          friendlies: games.friendlies(),
          results: games.results(),
          removed: organiser ? games.removedTonight() : [],
          roster: games.roster(),
          redis: deps.redisStatus?.() ?? null,
          tournaments: tonight(deps.tournaments.list()),
          relays: organiser ? (deps.publishing?.view() ?? null) : null,
        },
        layoutBase(ctx, deps),
      ),
    );
  });

  router.get('/host/join', async (ctx) => {
    if (!requireKeeperPage(ctx)) return;
    sendHtml(ctx, joinBlock(await deps.join()));
  });

  router.get('/host/status', (ctx) => {
    if (!requireKeeperPage(ctx)) return;
    sendHtml(ctx, hostStatus(deps.redisStatus?.() ?? null));
  });

  router.get('/host/results', (ctx) => {
    if (!requireKeeperPage(ctx)) return;
    sendHtml(ctx, resultsTable(games.results()));
  });

  router.get('/host/removed', (ctx) => {
    requireOrganiser(ctx);
    sendHtml(ctx, removedList(games.removedTonight()));
  });

  // ---- games ---------------------------------------------------------------------------------

  router.post('/host/games', async (ctx) => {
    const form = await readForm(ctx);
    const values = formValues(form);
    const input = gameFromForm(values);
    const fromHost = form.get('back') === '/host' ? ('/host' as const) : undefined;
    const again = (status: number, error: string) => {
      sendHtml(
        ctx,
        newGamePage(
          { boardCount: games.boardCount(), error, values, roster: games.roster(), back: fromHost },
          layoutBase(ctx, deps),
        ),
      );
      ctx.status = status;
    };
    if (typeof input === 'string') return again(400, input);
    const key = form.get('key');
    const result = games.create(input, {
      request: key
        ? { key: `form:${key}`, method: ctx.method, path: ctx.path, body: Object.fromEntries(form) }
        : undefined,
    });
    const answer = settle(hub, result);
    if (!answer.ok) return again(answer.status, answer.error);
    const s = answer.state!;
    // A game that starts now opens on its pad; one the organiser adds to a busy board's line leaves
    // them on the console, where the next game is added, and says where it waits.
    if (fromHost && s.queue) return back(ctx, `Added ${s.home.name} vs ${s.away.name} · ${whereText(s)}.`);
    ctx.status = 303;
    ctx.redirect(`/keep/${s.id}`);
  });

  const editPage = (ctx: Context, id: string, error: string | null, values?: EditValues) => {
    const state = games.get(id);
    if (!state) throw notFound();
    const view = { state, boardCount: games.boardCount(), organiser: isOrganiser(ctx), error, values };
    sendHtml(ctx, editGamePage(view, layoutBase(ctx, deps)));
  };

  router.get('/host/games/:id/edit', (ctx) => {
    if (!requireKeeperPage(ctx)) return;
    editPage(ctx, idOf(ctx), null);
  });

  /** The edit form is PATCH /api/games/{id} for a browser: the same write, the same refusals. */
  router.post('/host/games/:id/edit', async (ctx) => {
    const id = idOf(ctx);
    const form = await readForm(ctx);
    const values: EditValues = {
      home: form.get('home') ?? undefined,
      away: form.get('away') ?? undefined,
      board: form.get('board') ?? undefined,
    };
    const refuse = (status: number, error: string) => {
      editPage(ctx, id, error, values);
      ctx.status = status;
    };
    let edit: GameEdit;
    try {
      const body = parse(editGameSchema, {
        ...(values.home !== undefined ? { home: { name: values.home } } : {}),
        ...(values.away !== undefined ? { away: { name: values.away } } : {}),
        ...(values.board !== undefined ? { board: values.board === '' ? null : Number(values.board) } : {}),
      });
      edit = {
        ...(body.home ? { home: body.home.name } : {}),
        ...(body.away ? { away: body.away.name } : {}),
        ...(body.board !== undefined ? { board: body.board } : {}),
      };
    } catch (err) {
      return refuse(400, (err as Error).message);
    }
    const answer = settle(hub, games.edit(id, edit));
    if (!answer.ok) return refuse(answer.status, answer.error);
    const s = answer.state!;
    back(ctx, `Saved: ${s.home.name} vs ${s.away.name} · ${whereText(s)}.`);
  });

  router.post('/host/games/:id/remove', (ctx) => {
    requireOrganiser(ctx);
    const id = idOf(ctx);
    const state = games.get(id);
    const answer = settle(hub, games.remove(id));
    if (answer.ok && state) {
      return back(
        ctx,
        `Removed ${state.home.name} vs ${state.away.name}. "Removed tonight" below can bring it back.`,
      );
    }
    // A second tap finds it gone already: the same outcome.
    if (games.isRemoved(id)) return back(ctx, 'That game was already removed.');
    back(ctx, answer.ok ? 'Removed.' : answer.error, 'error');
  });

  router.post('/host/games/:id/restore', (ctx) => {
    requireOrganiser(ctx);
    const answer = settle(hub, games.restore(idOf(ctx)));
    if (!answer.ok) return back(ctx, answer.error, 'error');
    const s = answer.state!;
    back(ctx, `Restored ${s.home.name} vs ${s.away.name} · ${whereText(s)}.`);
  });

  // ---- boards --------------------------------------------------------------------------------

  router.post('/host/boards', async (ctx) => {
    requireOrganiser(ctx);
    const form = await readForm(ctx);
    const n = Number(form.get('count'));
    if (!Number.isInteger(n) || n < 1 || n > 64)
      throw new HttpError(400, 'bad_board_count', 'The number of boards must be 1 to 64.');
    publishChange(hub, games.setBoardCount(n), null);
    back(ctx, `The venue now has ${n} board${n === 1 ? '' : 's'}.`);
  });

  // A keeper's too: the boards page (where keepers land) has the button, and comes back there.
  router.post('/host/boards/:n/next', async (ctx) => {
    const form = await readForm(ctx);
    const answer = settle(hub, games.startNext(Number(ctx.params.n)));
    const path = backPath(form.get('back'));
    if (!answer.ok) return back(ctx, answer.error, 'error', path);
    const s = answer.state!;
    // The waiting pad's own button: the pad itself shows that the game is on.
    if (path.startsWith('/keep/')) {
      ctx.status = 303;
      return ctx.redirect(path);
    }
    back(
      ctx,
      `The next game is on: ${s.home.name} vs ${s.away.name} on board ${String(s.board)}.`,
      'ok',
      path,
    );
  });

  router.post('/host/boards/:n/queue', async (ctx) => {
    requireOrganiser(ctx);
    const form = await readForm(ctx);
    const move = form.get('move');
    const id = gameId(form.get('game') ?? '');
    if (!id || (move !== 'up' && move !== 'down')) {
      throw new HttpError(400, 'invalid_value', 'Say which game moves, and whether up or down.');
    }
    const result: WriteResult = games.reorder(Number(ctx.params.n), id, move);
    const answer = settle(hub, result);
    if (!answer.ok) return back(ctx, answer.error, 'error');
    const s = answer.state!;
    back(ctx, `${s.home.name} vs ${s.away.name} · ${whereText(s)}.`);
  });

  // ---- the organiser's venue -----------------------------------------------------------------

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

  // Remote spectators: the organiser publishes the venue for relays, or takes it off them.
  router.post('/host/publish', async (ctx) => {
    requireOrganiser(ctx);
    const form = await readForm(ctx);
    const want = form.get('publish');
    if (want !== 'on' && want !== 'off') {
      throw new HttpError(400, 'invalid_field', 'Send publish=on or publish=off.');
    }
    const publishing = deps.publishing;
    if (!publishing)
      throw new HttpError(409, 'publishing_unavailable', 'This server cannot publish for relays.');
    try {
      await publishing.set(want === 'on');
    } catch (err) {
      return back(ctx, `Publishing is unchanged: ${(err as Error).message}`, 'error');
    }
    back(
      ctx,
      want === 'on'
        ? `Publishing venue ${publishing.venue} for relays.`
        : 'Stopped publishing: relays no longer show this venue.',
    );
  });

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
