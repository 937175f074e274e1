// The organiser's tournament forms: create one (POST /host/tournaments, the form comes back with what
// was typed when something is wrong) and run it from its run page (start, call now, hold or release
// a board, call a match by hand, move a call). Each is the JSON API's write for a browser: the same
// pipeline, keys and refusals; the answer is a 303 back to the run page with a one-time message.
import Router from '@koa/router';
import type { Context } from 'koa';
import {
  matchLabel,
  playerWithdrawal,
  type Match,
  type TournamentState,
} from '../domain/tournament/index.js';
import { readForm } from '../http/body.js';
import { notFound } from '../http/errors.js';
import { setFlash, type FlashTone } from '../http/flash.js';
import type { KeyedRequest } from '../games/idempotency.js';
import { freshEntryId } from '../tournaments/night.js';
import type { TournamentCommand } from '../tournaments/service.js';
import type { TournamentRefused } from '../tournaments/results.js';
import { correctionPage, voidWords } from '../views/pages/correct-result.js';
import { entryPage } from '../views/pages/enter-team.js';
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
    toCommand: (ctx: Context, form: URLSearchParams, before: TournamentState) => TournamentCommand,
    said: (before: TournamentState, after: TournamentState, command: TournamentCommand) => string,
  ) =>
    async function runRoute(ctx: Context): Promise<void> {
      requireOrganiser(ctx);
      const id = gameId(ctx.params.id ?? '');
      const before = id ? tournaments.get(id) : null;
      if (!id || !before) throw notFound();
      const form = await readForm(ctx);
      const command = toCommand(ctx, form, before);
      const version = Number(form.get('expectedVersion'));
      const expectedVersion = form.has('expectedVersion') && Number.isInteger(version) ? version : undefined;
      const answer = settleTournament(
        hub,
        tournaments.command(id, command, { expectedVersion, request: keyed(ctx, form) }),
      );
      if (!answer.ok) return back(ctx, id, refusalWords(answer, form), 'error');
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
      (_ctx, form) => ({
        type: 'start',
        ...(form.get('dropUnchecked') === '1' ? { dropUnchecked: true } : {}),
      }),
      (before, after) => {
        const left = before.teams.filter((t) => !after.teams.some((x) => x.id === t.id)).map((t) => t.name);
        const without = left.length ? ` without ${left.join(', ')}` : '';
        return `Started ${after.name}${without}. ${callsWords(newCalls(before, after), after)}`;
      },
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

  nightRoutes(router, run, deps);
  return router;
}

type Run = (
  toCommand: (ctx: Context, form: URLSearchParams, before: TournamentState) => TournamentCommand,
  said: (before: TournamentState, after: TournamentState, command: TournamentCommand) => string,
) => (ctx: Context) => Promise<void>;

/** A team or player id from the URL ("t3", "p12"). */
function entrantOf(ctx: Context): string {
  const id = matchId(ctx.params.team ?? '');
  if (!id) throw notFound();
  return id;
}

const nameIn = (state: TournamentState, id: string | null | undefined) =>
  [...state.teams, ...state.players].find((e) => e.id === id)?.name ?? id ?? '';

/** The night's forms: check-in, a late team, a withdrawal, a forfeit and its undoing, a correction. */
function nightRoutes(router: Router, run: Run, deps: AppDeps): void {
  const tournaments = deps.games.tournaments;
  const matchOf = (ctx: Context): string => {
    const m = matchId(ctx.params.match ?? '');
    if (!m) throw notFound();
    return m;
  };
  const label = (state: TournamentState, id: string) => {
    const m = state.matches.find((x) => x.id === id)!;
    return `${matchLabel(state, m)} (${teamsWords(state, m)})`;
  };

  for (const [path, type] of [
    ['check-in', 'check_in'],
    ['check-out', 'check_out'],
  ] as const) {
    router.post(
      `/host/tournaments/:id/teams/:team/${path}`,
      run(
        (ctx) => ({ type, entrant: entrantOf(ctx) }),
        (_b, after, c) => {
          const who = nameIn(after, (c as { entrant: string }).entrant);
          const here = after.checkedIn.length;
          return `${who} is checked ${type === 'check_in' ? 'in' : 'out'}: ${here} checked in.`;
        },
      ),
    );
  }
  const playersOf = (form: URLSearchParams) =>
    form
      .getAll('player')
      .map((p) => p.trim())
      .filter(Boolean);
  const enter = run(
    (_ctx, form, before) => ({
      type: 'enter_team',
      team: { id: freshEntryId('t', before.teams), name: form.get('name') ?? '', players: playersOf(form) },
    }),
    (_b, after, c) => {
      const team = (c as { team: { id: string; name: string } }).team;
      const m = after.matches.find((x) => x.home === team.id || x.away === team.id);
      if (m === undefined) return `${team.name} is entered: ${after.teams.length} teams.`;
      return m.bracket === 'winners'
        ? `${team.name} is in: they take the bye of ${label(after, m.id)}.`
        : `${team.name} is in: they take the free seat, first ${label(after, m.id)}.`;
    },
  );
  // A late team after the start: `preview=1` answers a page saying where it goes and what it
  // changes (nothing is changed); its Confirm posts the same fields without it, and that enters it.
  router.post('/host/tournaments/:id/teams', async (ctx) => {
    requireOrganiser(ctx);
    const form = await readForm(ctx);
    if (form.get('preview') !== '1') return enter(ctx);
    const id = gameId(ctx.params.id ?? '');
    const state = id ? tournaments.get(id) : null;
    if (!id || !state) throw notFound();
    const version = Number(form.get('expectedVersion'));
    const answer = tournaments.previewEntry(
      id,
      { name: form.get('name') ?? '', players: playersOf(form) },
      form.has('expectedVersion') && Number.isInteger(version) ? version : undefined,
    );
    if (!answer.ok) return again(ctx, id, answer, form);
    ctx.set('Cache-Control', 'no-store');
    sendHtml(ctx, entryPage({ state, preview: answer.preview }, layoutBase(ctx, deps)));
  });
  router.post(
    '/host/tournaments/:id/teams/:team/withdraw',
    run(
      (ctx) => ({ type: 'withdraw', team: entrantOf(ctx) }),
      (before, after, c) => {
        const team = (c as { team: string }).team;
        const lost = after.matches.filter((m) => {
          const was = before.matches.find((x) => x.id === m.id);
          return m.decidedBy === 'forfeit' && was?.decidedBy !== 'forfeit';
        });
        const words = lost.map((m) => `${m.id} goes to ${nameIn(after, m.winner)}`).join('; ');
        return `${nameIn(after, team)} withdrew.${words ? ` By forfeit: ${words}.` : ''}`;
      },
    ),
  );
  router.post(
    '/host/tournaments/:id/players/:player/withdraw',
    run(
      (ctx) => {
        const player = matchId(ctx.params.player ?? '');
        if (!player) throw notFound();
        return { type: 'withdraw_player', player };
      },
      (before, after, c) => {
        const { player } = c as { player: string };
        const { match } = playerWithdrawal(before, player);
        const m = match === null ? undefined : after.matches.find((x) => x.id === match.id);
        const forfeit =
          m === undefined || m.decidedBy !== 'forfeit'
            ? ''
            : ` By forfeit: ${matchLabel(after, m)} goes to ${nameIn(after, m.winner) || 'nobody'}.`;
        return `${nameIn(after, player)} withdrew and is left out of every later round.${forfeit}`;
      },
    ),
  );
  router.post(
    '/host/tournaments/:id/matches/:match/forfeit',
    run(
      (ctx, form) => ({ type: 'forfeit', match: matchOf(ctx), winner: form.get('winner') ?? '' }),
      (_b, after, c) => {
        const { match, winner } = c as { match: string; winner: string };
        return `${label(after, match)} is forfeited to ${nameIn(after, winner)}. ${callsWords(newCalls(_b, after), after)}`;
      },
    ),
  );
  router.post(
    '/host/tournaments/:id/matches/:match/unforfeit',
    run(
      (ctx) => ({ type: 'undo_forfeit', match: matchOf(ctx) }),
      (_b, after, c) =>
        `The forfeit of ${label(after, (c as { match: string }).match)} is undone: the match is to be played.`,
    ),
  );

  const correction = run(
    (ctx, form) => {
      const score = scoreOf(form);
      return {
        type: 'correct_result',
        match: matchOf(ctx),
        winner: form.get('winner') ?? '',
        ...(score === null || typeof score === 'string' ? {} : { score }),
        by: 'organiser',
      };
    },
    (before, after, c) => {
      const { match } = c as { match: string };
      const m = after.matches.find((x) => x.id === match)!;
      const last = after.corrections.at(-1);
      const voids = (last?.voids ?? []).map((id) => before.matches.find((x) => x.id === id)!);
      const score = m.score === null ? '' : ` ${m.score.home}–${m.score.away}`;
      return (
        `${label(after, match)} corrected: ${nameIn(after, m.winner)} won${score}.` +
        (voids.length ? ` Reset: ${voids.map((v) => voidWords(before, v)).join(' ')}` : '')
      );
    },
  );
  router.post('/host/tournaments/:id/matches/:match/result', async (ctx) => {
    requireOrganiser(ctx);
    const form = await readForm(ctx);
    if (form.get('preview') !== '1') return correction(ctx);
    const id = gameId(ctx.params.id ?? '');
    const state = id ? tournaments.get(id) : null;
    if (!id || !state) throw notFound();
    const matchIdOf = matchOf(ctx);
    const score = scoreOf(form);
    if (typeof score === 'string') return backWith(ctx, id, score);
    const version = Number(form.get('expectedVersion'));
    const winner = form.get('winner') ?? '';
    const answer = tournaments.previewCorrection(
      id,
      { match: matchIdOf, winner, ...(score === null ? {} : { score }) },
      Number.isInteger(version) ? version : undefined,
    );
    if (!answer.ok) return again(ctx, id, answer, form);
    const match = state.matches.find((m) => m.id === matchIdOf)!;
    ctx.set('Cache-Control', 'no-store');
    sendHtml(
      ctx,
      correctionPage({ state, match, winner, score, voids: answer.voids }, layoutBase(ctx, deps)),
    );
  });
}

/** Back to the run page with an error message: a preview that cannot be made changes nothing. */
function backWith(ctx: Context, id: string, message: string): void {
  setFlash(ctx, message, 'error');
  ctx.status = 303;
  ctx.redirect(`/host/tournaments/${id}`);
}

/**
 * A run-page form's refusal in the organiser's words: a stale page is told so, a late team that
 * finds no open slot is named; else the refusal's own sentence.
 */
function refusalWords(answer: Pick<TournamentRefused, 'code' | 'error'>, form: URLSearchParams): string {
  if (answer.code === 'version_conflict') {
    return 'The tournament moved on while this page was open; here it is now. Try again.';
  }
  const name = (form.get('name') ?? '').trim();
  if (answer.code === 'no_open_slot' && name !== '') {
    return `${name} cannot join: no bye or free seat is left that nothing has been played on. Nothing was changed.`;
  }
  return answer.error;
}

/** A refused preview, said as the write's refusal would be. */
function again(ctx: Context, id: string, answer: TournamentRefused, form: URLSearchParams): void {
  backWith(ctx, id, refusalWords(answer, form));
}

/** The corrected points: both or neither; a sentence when they are not whole numbers. */
function scoreOf(form: URLSearchParams): { home: number; away: number } | null | string {
  const home = (form.get('home') ?? '').trim();
  const away = (form.get('away') ?? '').trim();
  if (home === '' && away === '') return null;
  if (!/^\d{1,3}$/.test(home) || !/^\d{1,3}$/.test(away))
    return 'Give both teams’ points as whole numbers, or leave both empty to keep them.';
  return { home: Number(home), away: Number(away) };
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
