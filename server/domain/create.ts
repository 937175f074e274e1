// The start of a game: the `game_created` event with every default filled in, and the state it
// opens (version 0, round 1, nothing thrown).
import type {
  BagCounts,
  GameEvent,
  GameState,
  MatchLink,
  Rules,
  Side,
  TeamInput,
  TeamState,
} from './types.js';
import { DEFAULT_RULES, validateRules } from './rules.js';
import { emptyStats } from './stats.js';

export type GameCreated = Extract<GameEvent, { type: 'game_created' }>;

export interface CreateGameInput {
  id: string;
  board: number | null;
  home: TeamInput;
  away: TeamInput;
  rules?: Partial<Rules>;
  firstThrow?: Side;
  link?: MatchLink;
  at: string;
}

/** Fills the defaults (ACL rules, home throws first); throws on rules the API should have refused. */
export function createGameEvent(input: CreateGameInput): GameCreated {
  const rules: Rules = { ...DEFAULT_RULES };
  // Copy only the fields that are set, so `{ bust: undefined }` keeps the default.
  for (const [key, value] of Object.entries(input.rules ?? {})) {
    if (value !== undefined) Object.assign(rules, { [key]: value });
  }
  const problem = validateRules(rules);
  if (problem !== null) throw new Error(problem);
  return {
    type: 'game_created',
    id: input.id,
    board: input.board,
    home: { name: input.home.name, players: [...input.home.players] },
    away: { name: input.away.name, players: [...input.away.players] },
    rules,
    firstThrow: input.firstThrow ?? 'home',
    ...(input.link ? { link: structuredClone(input.link) } : {}),
    at: input.at,
  };
}

export function emptyCounts(): BagCounts {
  return { hole: 0, board: 0, miss: 0 };
}

function team(input: TeamInput): TeamState {
  return {
    name: input.name,
    players: [...input.players],
    score: 0,
    stats: emptyStats(),
    playerStats: input.players.map((name) => ({ name, ...emptyStats() })),
  };
}

export function initialState(e: GameCreated): GameState {
  return {
    id: e.id,
    version: 0,
    status: 'live',
    board: e.board,
    rules: { ...e.rules },
    home: team(e.home),
    away: team(e.away),
    round: { number: 1, firstThrow: e.firstThrow, home: emptyCounts(), away: emptyCounts() },
    rounds: [],
    winner: null,
    queue: null,
    tournament: e.link ? { ...e.link.tournament } : null,
    match: e.link ? { ...e.link.match } : null,
    createdAt: e.at,
    updatedAt: e.at,
  };
}
