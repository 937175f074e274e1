// The tournaments' JSON API (CONTRACT.md "Tournaments"): create, list, read, start and run a
// tournament, its stream, and its exports. Creating and running is the organiser's; reading is open.
import Router from '@koa/router';
import type { Context } from 'koa';
import type { TournamentState } from '../domain/tournament/index.js';
import { readJson } from '../http/body.js';
import { HttpError, notFound } from '../http/errors.js';
import type { Hub } from '../hub/index.js';
import { attachment, day } from '../games/file-names.js';
import { publishTournamentChange } from '../realtime.js';
import type { TournamentAnswer, TournamentWriteResult } from '../tournaments/results.js';
import type { TournamentCommand } from '../tournaments/service.js';
import { tournamentCsv, tournamentJson } from '../tournaments/exports.js';
import { requireOrganiser, type AppDeps } from './context.js';
import {
  createTournamentSchema,
  gameId,
  idempotencyKey,
  matchId,
  parse,
  tournamentBoardSchema,
  tournamentWriteSchema,
} from './schemas.js';

/** Publishes an accepted tournament write; a refusal or a replay changed nothing. */
export function settleTournament(hub: Hub, result: TournamentWriteResult): TournamentAnswer {
  if (result.kind === 'accepted') publishTournamentChange(hub, result.change);
  return result.answer;
}

function sendTournamentWrite(ctx: Context, hub: Hub, result: TournamentWriteResult): void {
  const answer = settleTournament(hub, result);
  ctx.set('Cache-Control', 'no-store');
  if (!answer.ok) {
    const extra = answer.status === 409 ? { state: answer.state } : {};
    throw new HttpError(answer.status, answer.code, answer.error, extra, { 'Cache-Control': 'no-store' });
  }
  ctx.status = answer.status;
  ctx.body = answer.state;
}

export function tournamentsApiRouter(deps: AppDeps): Router {
  const { hub } = deps;
  const tournaments = deps.games.tournaments;
  const router = new Router();

  const idOf = (ctx: Context): string => {
    const id = gameId(ctx.params.id ?? '');
    if (!id) throw notFound();
    return id;
  };
  const stateOf = (ctx: Context): TournamentState => {
    const state = tournaments.get(idOf(ctx));
    if (!state) throw notFound();
    return state;
  };
  const keyed = (ctx: Context, key: string | undefined, body: unknown) =>
    key === undefined ? undefined : { key, method: ctx.method, path: ctx.path, body };

  router.post('/api/tournaments', async (ctx) => {
    requireOrganiser(ctx);
    const key = idempotencyKey(ctx.get('Idempotency-Key'));
    const raw = await readJson(ctx);
    const body = parse(createTournamentSchema, raw);
    sendTournamentWrite(ctx, hub, tournaments.create(body, keyed(ctx, key, raw)));
  });

  router.get('/api/tournaments', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = tournaments.list().map(({ id, name, format, status, version }) => ({
      id,
      name,
      format,
      status,
      version,
    }));
  });

  router.get('/api/tournaments/:id', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = stateOf(ctx);
  });

  /** A write route: the organiser's, its body parsed, then the command for the tournament in the URL. */
  const write = (
    toCommand: (ctx: Context, raw: unknown) => { command: TournamentCommand; expectedVersion?: number },
  ) =>
    async function tournamentWrite(ctx: Context): Promise<void> {
      requireOrganiser(ctx);
      const key = idempotencyKey(ctx.get('Idempotency-Key'));
      const raw = await readJson(ctx);
      const { command, expectedVersion } = toCommand(ctx, raw);
      const id = idOf(ctx);
      sendTournamentWrite(
        ctx,
        hub,
        tournaments.command(id, command, { expectedVersion, request: keyed(ctx, key, raw) }),
      );
    };
  const plain = (type: 'start' | 'call') =>
    write((_ctx, raw) => ({ command: { type }, ...parse(tournamentWriteSchema, raw) }));
  const board = (type: 'hold_board' | 'release_board') =>
    write((ctx, raw) => {
      const { expectedVersion } = parse(tournamentWriteSchema, raw);
      const n = Number(ctx.params.board);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw notFound();
      return { command: { type, board: n }, expectedVersion };
    });
  const toBoard = (type: 'call_match' | 'reassign') =>
    write((ctx, raw) => {
      const body = parse(tournamentBoardSchema, raw);
      const match = matchId(ctx.params.match ?? '');
      if (!match) throw notFound();
      return { command: { type, match, board: body.board }, expectedVersion: body.expectedVersion };
    });

  router.post('/api/tournaments/:id/start', plain('start'));
  router.post('/api/tournaments/:id/call', plain('call'));
  router.post('/api/tournaments/:id/boards/:board/hold', board('hold_board'));
  router.post('/api/tournaments/:id/boards/:board/release', board('release_board'));
  router.post('/api/tournaments/:id/matches/:match/call', toBoard('call_match'));
  router.post('/api/tournaments/:id/matches/:match/reassign', toBoard('reassign'));

  router.get('/api/tournaments/:id/export.csv', (ctx) => {
    const state = stateOf(ctx);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', attachment(`bagtrax-${day(state.createdAt)}-${state.name}`, 'csv'));
    ctx.body = tournamentCsv(state);
  });

  router.get('/api/tournaments/:id/export.json', (ctx) => {
    const state = stateOf(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', attachment(`bagtrax-${day(state.createdAt)}-${state.name}`, 'json'));
    ctx.body = tournamentJson(state, (id) => deps.games.get(id));
  });

  return router;
}
