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
import type { TournamentAnswer, TournamentRefused, TournamentWriteResult } from '../tournaments/results.js';
import type { TournamentCommand } from '../tournaments/service.js';
import { freshEntryId } from '../tournaments/night.js';
import { tournamentCsv, tournamentJson } from '../tournaments/exports.js';
import { requireOrganiser, type AppDeps, type ReadDeps } from './context.js';
import {
  createTournamentSchema,
  gameId,
  idempotencyKey,
  matchId,
  parse,
  tournamentBoardSchema,
  tournamentForfeitSchema,
  tournamentPlayerSchema,
  tournamentResultSchema,
  tournamentStartSchema,
  tournamentTeamSchema,
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

/** A preview's answer: `200` and what it says, or the refusal the write would give (409 with the state). */
function sendPreview<T extends { ok: true }>(
  ctx: Context,
  answer: T | TournamentRefused,
  body: (ok: T) => unknown,
): void {
  ctx.set('Cache-Control', 'no-store');
  if (!answer.ok) {
    const extra = answer.status === 409 ? { state: answer.state } : {};
    throw new HttpError(answer.status, answer.code, answer.error, extra, { 'Cache-Control': 'no-store' });
  }
  ctx.body = body(answer);
}

/** The reads: the list, one tournament, its exports. A relay serves these too. */
export function tournamentsReadRouter(deps: ReadDeps): Router {
  const { tournaments } = deps;
  const router = new Router();
  const stateOf = (ctx: Context): TournamentState => {
    const id = gameId(ctx.params.id ?? '');
    const state = id ? tournaments.get(id) : null;
    if (!state) throw notFound();
    return state;
  };

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
    ctx.body = tournamentJson(state, (id) => deps.reads.get(id));
  });

  return router;
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
  const keyed = (ctx: Context, key: string | undefined, body: unknown) =>
    key === undefined ? undefined : { key, method: ctx.method, path: ctx.path, body };

  router.post('/api/tournaments', async (ctx) => {
    requireOrganiser(ctx);
    const key = idempotencyKey(ctx.get('Idempotency-Key'));
    const raw = await readJson(ctx);
    const body = parse(createTournamentSchema, raw);
    sendTournamentWrite(ctx, hub, tournaments.create(body, keyed(ctx, key, raw)));
  });

  /** A write route: the organiser's, its body parsed, then the command for the tournament in the URL. */
  const write = (
    toCommand: (
      ctx: Context,
      raw: unknown,
    ) => {
      command: TournamentCommand | ((state: TournamentState) => TournamentCommand);
      expectedVersion?: number;
    },
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
  const plain = (type: 'call') =>
    write((_ctx, raw) => ({ command: { type }, ...parse(tournamentWriteSchema, raw) }));
  const start = write((_ctx, raw) => {
    const { dropUnchecked, expectedVersion } = parse(tournamentStartSchema, raw);
    return { command: { type: 'start', ...(dropUnchecked ? { dropUnchecked } : {}) }, expectedVersion };
  });
  const matchOf = (ctx: Context): string => {
    const match = matchId(ctx.params.match ?? '');
    if (!match) throw notFound();
    return match;
  };
  /** A team (or, where teams are drawn, a player) from the URL: ids are short words like "t3", "p12". */
  const entrantOf = (ctx: Context, param: string): string => {
    const entrant = matchId(ctx.params[param] ?? '');
    if (!entrant) throw notFound();
    return entrant;
  };
  const entrant = (type: 'check_in' | 'check_out') =>
    write((ctx, raw) => ({
      command: { type, entrant: entrantOf(ctx, 'entrant') },
      ...parse(tournamentWriteSchema, raw),
    }));
  const lateTeam = write((_ctx, raw) => {
    const { name, players, expectedVersion } = parse(tournamentTeamSchema, raw);
    const command = (state: TournamentState): TournamentCommand => ({
      type: 'enter_team',
      team: { id: freshEntryId('t', state.teams), name, players: players ?? [] },
    });
    return { command, expectedVersion };
  });
  const latePlayer = write((_ctx, raw) => {
    const { name, tier, expectedVersion } = parse(tournamentPlayerSchema, raw);
    const command = (state: TournamentState): TournamentCommand => ({
      type: 'enter_player',
      player: { id: freshEntryId('p', state.players), name, tier: tier ?? null },
    });
    return { command, expectedVersion };
  });
  const withdrawPlayer = write((ctx, raw) => ({
    command: { type: 'withdraw_player', player: entrantOf(ctx, 'player') },
    ...parse(tournamentWriteSchema, raw),
  }));
  const withdraw = write((ctx, raw) => ({
    command: { type: 'withdraw', team: entrantOf(ctx, 'team') },
    ...parse(tournamentWriteSchema, raw),
  }));
  const forfeit = write((ctx, raw) => {
    const { winner, expectedVersion } = parse(tournamentForfeitSchema, raw);
    return { command: { type: 'forfeit', match: matchOf(ctx), winner }, expectedVersion };
  });
  const unforfeit = write((ctx, raw) => ({
    command: { type: 'undo_forfeit', match: matchOf(ctx) },
    ...parse(tournamentWriteSchema, raw),
  }));
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

  router.post('/api/tournaments/:id/start', start);
  router.post('/api/tournaments/:id/call', plain('call'));
  router.post('/api/tournaments/:id/boards/:board/hold', board('hold_board'));
  router.post('/api/tournaments/:id/boards/:board/release', board('release_board'));
  router.post('/api/tournaments/:id/matches/:match/call', toBoard('call_match'));
  router.post('/api/tournaments/:id/matches/:match/reassign', toBoard('reassign'));
  // A late team: with `preview`, what the entry would do and nothing changes; without, entered.
  router.post('/api/tournaments/:id/teams', async (ctx) => {
    requireOrganiser(ctx);
    const body = parse(tournamentTeamSchema, await readJson(ctx));
    if (body.preview !== true) return lateTeam(ctx);
    idempotencyKey(ctx.get('Idempotency-Key'));
    const { name, players, expectedVersion } = body;
    const answer = tournaments.previewEntry(idOf(ctx), { name, players }, expectedVersion);
    sendPreview(ctx, answer, (ok) => {
      const { team, slot, matches, voids, calls } = ok.preview;
      return { version: ok.version, team, slot, matches, voids, calls };
    });
  });
  router.post('/api/tournaments/:id/teams/:team/withdraw', withdraw);
  router.post('/api/tournaments/:id/teams/:entrant/check-in', entrant('check_in'));
  router.post('/api/tournaments/:id/teams/:entrant/check-out', entrant('check_out'));
  // Where teams are drawn, players are the entrants: they check in, enter late and withdraw.
  router.post('/api/tournaments/:id/players', latePlayer);
  router.post('/api/tournaments/:id/players/:entrant/check-in', entrant('check_in'));
  router.post('/api/tournaments/:id/players/:entrant/check-out', entrant('check_out'));
  router.post('/api/tournaments/:id/players/:player/withdraw', withdrawPlayer);
  router.post('/api/tournaments/:id/matches/:match/forfeit', forfeit);
  router.post('/api/tournaments/:id/matches/:match/unforfeit', unforfeit);

  // A corrected result: with `preview`, what it would void and nothing changes; without, applied.
  const correct = write((ctx, raw) => {
    const { winner, score, expectedVersion } = parse(tournamentResultSchema, raw);
    const command: TournamentCommand = {
      type: 'correct_result',
      match: matchOf(ctx),
      winner,
      ...(score === undefined ? {} : { score }),
      by: 'organiser',
    };
    return { command, expectedVersion };
  });
  router.post('/api/tournaments/:id/matches/:match/result', async (ctx) => {
    requireOrganiser(ctx);
    const body = parse(tournamentResultSchema, await readJson(ctx));
    // The write reads the same body again (readJson keeps what it read) and keeps its answer under
    // its key; a preview changes nothing, so it has no answer to keep.
    if (body.preview !== true) return correct(ctx);
    idempotencyKey(ctx.get('Idempotency-Key'));
    const { winner, score, expectedVersion } = body;
    const answer = tournaments.previewCorrection(
      idOf(ctx),
      { match: matchOf(ctx), winner, ...(score === undefined ? {} : { score }) },
      expectedVersion,
    );
    sendPreview(ctx, answer, (ok) => ({ voids: ok.voids }));
  });

  return router;
}
