// The tournament domain's public face: the vocabulary and the pure functions. Everything outside
// server/domain imports from here, never from the files behind it.
export * from './types.js';
export * from './commands.js';
export { decide } from './decide.js';
export { evolve, replay } from './evolve.js';
export { initialState, DEFAULT_OPTIONS, MIN_TEAMS, MAX_TEAMS } from './create.js';
export { callOrder, freeBoards, busyTeams, nextCalls, readyMatches } from './calls.js';
export type { Call } from './calls.js';
export { standingsOf } from './standings.js';
export { ROUND_ROBIN_POOL } from './plan.js';
export { bracketSize, roundsOf, seedPositions } from './elimination.js';
export { dropOrder } from './double.js';
export type { DropOrder } from './double.js';
export { lastRound, matchLabel, roundTitle } from './labels.js';

// A tournament night: pools, drawn teams, series, no-show clock, late entries, corrections.
export { previewCorrection } from './correction.js';
export type { CorrectionPreview } from './correction.js';
export { noShowDeadline, noShowDue, noShows } from './clock.js';
export { bestOfFor, MAX_PLAYERS, MIN_PLAYERS } from './night-options.js';
export { toWin, gamesWon } from './series.js';
export { poolsFit, poolCount, dealPools, crossedPlacings } from './pools.js';
export { blindDraw } from './draw.js';
export { partners, maximumMatching } from './matching.js';
export { activePlayers, DEFAULT_ROUNDS } from './switch.js';
export { playerWithdrawal } from './night.js';
export { openSlot } from './entry.js';
export { previewEntry } from './entry-preview.js';
export type { EntryPreview, EntryPreviewed } from './entry-preview.js';
export { playerStandingsOf } from './player-standings.js';
