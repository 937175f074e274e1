// The organiser's tournament forms: create one (POST /host/tournaments, the form comes back with what
// was typed when something is wrong) and run it from its run page (start, call now, hold or release
// a board, call a match by hand, move a call). Each is the JSON API's write for a browser: the same
// pipeline, keys and refusals; the answer is a 303 back to the run page with a one-time message.
import Router from '@koa/router';
import type { Context } from 'koa';
import { matchLabel, type Match, type TournamentState } from '../domain/tournament/index.js';
import { readForm } from '../http/body.js';
import { notFound } from '../http/errors.js';
import { setFlash, type FlashTone } from '../http/flash.js';
import type { KeyedRequest } from '../games/idempotency.js';
import type { TournamentCommand } from '../tournaments/service.js';
import { newTournamentPage } from '../views/pages/new-tournament.js';
import { FORMAT_NAMES } from '../views/partials/tournament-words.js';
import { layoutBase, requireOrganiser, sendHtml, type AppDeps } from './context.js';
import { tournamentFormValues, tournamentFromForm } from './tournament-form.js';
import { gameId, matchId } from './schemas.js';
import { settleTournament } from './tournaments-api.js';

export function tournamentHostRouter(deps: AppDeps): Router {
  const { games, hub } = deps;
  const tournaments = games.tournaments;
  const router = new Router();

  /** A form's key, kept apart from the API's keys like the new-game form's. */
  const keyed = (ctx: Context, form: URLSearchParams): KeyedRequest | undefined => {
    const key = form.get('key');
    return key
      ? { key: `form:${key}`, method: ctx.method, path: ctx.path, body: Object.fromEntries(form) }
      : undefined;
  };

  const back = (ctx: Context, id: string, message: string, tone: FlashTone = 'ok') => {
    setFlash(ctx, message, tone);
    ctx.status = 303;
    ctx.redirect(`/host/tournaments/${id}`);
  };

  router.post('/host/tournaments', async (ctx) => {
    requireOrganiser(ctx);
    const form = await readForm(ctx);
    const values = tournamentFormValues(form);
    const again = (status: number, error: string) => {
      sendHtml(
        ctx,
        newTournamentPage(
          { boardCount: games.boardCount(), error, values, roster: games.roster() },
          layoutBase(ctx, deps),
        ),
      );
      ctx.status = status;
    };
    const input = tournamentFromForm(values);
    if (typeof input === 'string') return again(400, input);
    const answer = settleTournament(hub, tournaments.create(input, keyed(ctx, form)));
    if (!answer.ok) return again(answer.status, answer.error);
    const t = answer.state!;
    back(
      ctx,
      t.id,
      `Created ${t.name}: ${t.teams.length} teams, ${FORMAT_NAMES[t.format].toLowerCase()} on ${boardsWords(t.boards)}. ` +
        'Start it when the teams are here.',
    );
  });

  /**
   * A run-page form: its command for the tournament in the URL, the version it was rendered from, and
   * what the message says once it is done.
   */
  const run = (
    toCommand: (ctx: Context, form: URLSearchParams) => TournamentCommand,
    said: (before: TournamentState, after: TournamentState, command: TournamentCommand) => string,
  ) =>
    async function runRoute(ctx: Context): Promise<void> {
      requireOrganiser(ctx);
      const id = gameId(ctx.params.id ?? '');
      const before = id ? tournaments.get(id) : null;
      if (!id || !before) throw notFound();
      const form = await readForm(ctx);
      const command = toCommand(ctx, form);
      const version = Number(form.get('expectedVersion'));
      const expectedVersion = form.has('expectedVersion') && Number.isInteger(version) ? version : undefined;
      const answer = settleTournament(
        hub,
        tournaments.command(id, command, { expectedVersion, request: keyed(ctx, form) }),
      );
      if (!answer.ok) {
        const stale = answer.code === 'version_conflict';
        return back(
          ctx,
          id,
          stale
            ? 'The tournament moved on while this page was open; here it is now. Try again.'
            : answer.error,
          'error',
        );
      }
      back(ctx, id, said(before, answer.state!, command));
    };

  const boardOf = (ctx: Context, raw: string | null | undefined): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw notFound();
    return n;
  };
  const matchOf = (ctx: Context): string => {
    const m = matchId(ctx.params.match ?? '');
    if (!m) throw notFound();
    return m;
  };

  router.post(
    '/host/tournaments/:id/start',
    run(
      () => ({ type: 'start' }),
      (_b, after) => `Started ${after.name}. ${callsWords(newCalls(_b, after), after)}`,
    ),
  );
  router.post(
    '/host/tournaments/:id/call',
    run(
      () => ({ type: 'call' }),
      (before, after) => callsWords(newCalls(before, after), after),
    ),
  );
  router.post(
    '/host/tournaments/:id/boards/:board/hold',
    run(
      (ctx) => ({ type: 'hold_board', board: boardOf(ctx, ctx.params.board) }),
      (_b, _a, c) =>
        `Board ${(c as { board: number }).board} is held: nothing is called to it until you release it.`,
    ),
  );
  router.post(
    '/host/tournaments/:id/boards/:board/release',
    run(
      (ctx) => ({ type: 'release_board', board: boardOf(ctx, ctx.params.board) }),
      (before, after, c) =>
        `Board ${(c as { board: number }).board} is released. ${callsWords(newCalls(before, after), after)}`,
    ),
  );
  router.post(
    '/host/tournaments/:id/matches/:match/call',
    run(
      (ctx, form) => ({ type: 'call_match', match: matchOf(ctx), board: boardOf(ctx, form.get('board')) }),
      (before, after) => callsWords(newCalls(before, after), after),
    ),
  );
  router.post(
    '/host/tournaments/:id/matches/:match/reassign',
    run(
      (ctx, form) => ({ type: 'reassign', match: matchOf(ctx), board: boardOf(ctx, form.get('board')) }),
      (_b, after, c) => {
        const m = after.matches.find((x) => x.id === (c as { match: string }).match)!;
        return `${matchLabel(after, m)} (${teamsWords(after, m)}) moved to board ${m.board}.`;
      },
    ),
  );

  return router;
}

/** Matches called by this change (not on a board before it). */
function newCalls(before: TournamentState, after: TournamentState): Match[] {
  const was = new Map(before.matches.map((m) => [m.id, m.status]));
  return after.matches.filter((m) => m.status === 'called' && was.get(m.id) !== 'called');
}

function teamsWords(state: TournamentState, m: Match): string {
  const name = (id: string | null) => state.teams.find((t) => t.id === id)?.name ?? 'to be decided';
  return `${name(m.home)} vs ${name(m.away)}`;
}

function callsWords(calls: readonly Match[], state: TournamentState): string {
  if (calls.length === 0) return 'No match is ready for a free board now.';
  return `Called: ${calls.map((m) => `${teamsWords(state, m)} to board ${m.board}`).join('; ')}.`;
}

function boardsWords(boards: readonly number[]): string {
  return boards.length === 1
    ? `board ${boards[0]}`
    : `boards ${boards.slice(0, -1).join(', ')} and ${boards.at(-1)}`;
}
