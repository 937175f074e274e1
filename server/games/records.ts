// Between a game's state and its row: what the store keeps of a state, and the listing shape.
import { DEFAULT_RULES } from '../domain/index.js';
import type { GameState, Rules } from '../domain/index.js';
import type { GameRecord, Progress } from '../store/index.js';
import type { GameSummary } from './types.js';

/**
 * The full rules of a new game: the defaults, overridden only by known rule names that are set, so
 * `{ bust: undefined }` from a form keeps the default and a stray field never reaches the log.
 */
export function rulesFrom(partial: Partial<Rules> = {}): Rules {
  const rules: Rules = { ...DEFAULT_RULES };
  for (const key of Object.keys(DEFAULT_RULES) as Array<keyof Rules>) {
    if (partial[key] !== undefined) Object.assign(rules, { [key]: partial[key] });
  }
  return rules;
}

export function scoresOf(state: GameState): Omit<Progress, 'finishedAt'> {
  return {
    version: state.version,
    status: state.status,
    homeScore: state.home.score,
    awayScore: state.away.score,
    updatedAt: state.updatedAt,
  };
}

export function rowOf(
  state: GameState,
): Omit<GameRecord, 'startedAt' | 'finishedAt' | 'lane' | 'tournamentId'> {
  return {
    id: state.id,
    board: state.board,
    createdAt: state.createdAt,
    homeName: state.home.name,
    awayName: state.away.name,
    ...scoresOf(state),
  };
}

export function summaryOfRecord(r: GameRecord): GameSummary {
  return {
    id: r.id,
    board: r.board,
    status: r.status,
    version: r.version,
    home: { name: r.homeName, score: r.homeScore },
    away: { name: r.awayName, score: r.awayScore },
    createdAt: r.createdAt,
    startedAt: r.startedAt,
  };
}
