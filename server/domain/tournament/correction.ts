// Correcting a played result, with its preview. The preview lists the matches the correction voids:
// exactly those downstream of the corrected match whose teams or results depend on it (rederive.ts).
// Applied, the correction resets them (teams worked out again, results cleared, boards freed, games
// unlinked), calls what is ready and records who changed what. Allowed once the tournament is over
// too: a corrected semi-final after the final was played reopens the final.
import type { DecideContext, Decision, NightCommand } from './commands.js';
import type { Score, TournamentState } from './types.js';
import { correctedMatch, rederive } from './rederive.js';
import { ctxOf } from './settled.js';
import { goodScore } from './score.js';
import { refuse, withCalls, type Refusal } from './outcome.js';

type CorrectResult = Extract<NightCommand, { type: 'correct_result' }>;
export type CorrectionPreview =
  { ok: true; match: string; winner: string; score: Score | null; voids: string[] } | Refusal;

const goodBy = (by: unknown) => typeof by === 'string' && by.trim().length >= 1 && by.trim().length <= 40;

/** What a correction would change (nothing is changed): the corrected result and the matches voided. */
export function previewCorrection(
  state: TournamentState,
  command: Omit<CorrectResult, 'type' | 'by'>,
): CorrectionPreview {
  if (state.status === 'setup') return refuse('not_started', 'The tournament has not started yet.');
  const match = state.matches.find((m) => m.id === command.match);
  if (match === undefined) return refuse('unknown_match', `There is no match ${command.match}.`);
  if (match.status !== 'done' || match.decidedBy !== 'game') {
    return refuse('not_played', `Match ${match.id} has no played result to correct.`);
  }
  if (command.winner !== match.home && command.winner !== match.away) {
    return refuse('not_in_match', `The winner does not play in match ${match.id}.`);
  }
  const side = command.winner === match.home ? 'home' : 'away';
  let score = match.score;
  if (command.score !== undefined && command.score !== null) {
    if (!goodScore(command.score, side)) {
      return refuse('bad_score', 'Points are whole numbers from 0, and the winner has more.');
    }
    score = { home: command.score.home, away: command.score.away };
  } else if (command.winner !== match.winner && score !== null) {
    // The usual mistake: the result entered the wrong way round.
    score = { home: score.away, away: score.home };
  }
  if (command.winner === match.winner && sameScore(score, match.score)) {
    return refuse('same_result', `Match ${match.id} has this result already.`);
  }
  const corrected = correctedMatch(match, command.winner, score);
  const matches = state.matches.map((m) => (m.id === match.id ? corrected : m));
  const { voids } = rederive(matches, new Set([match.id]), ctxOf(state, null));
  return { ok: true, match: match.id, winner: command.winner, score, voids };
}

export function decideCorrection(
  command: CorrectResult,
  state: TournamentState,
  ctx: DecideContext,
): Decision {
  if (!goodBy(command.by)) return refuse('bad_by', 'A correction names who makes it (1 to 40 characters).');
  const preview = previewCorrection(state, command);
  if (!preview.ok) return preview;
  const { match, winner, score, voids } = preview;
  const by = command.by.trim();
  return withCalls(state, [{ type: 'result_corrected', match, winner, score, by, voids, at: ctx.at }], ctx);
}

function sameScore(a: Score | null, b: Score | null): boolean {
  return a === b || (a !== null && b !== null && a.home === b.home && a.away === b.away);
}
