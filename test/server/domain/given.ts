// Test vocabulary for the rules engine: given a created game and earlier commands, when a command
// comes, then a state or a refusal. Times are made up and increase by one second per write.
import { expect } from 'vitest';
import { createGameEvent, decide, evolve, replay } from '../../../server/domain/index.js';
import type { Command, Decision, Game, GameEvent, Rules, Side } from '../../../server/domain/index.js';

const START = Date.parse('2025-06-07T18:00:00.000Z');

export function at(write: number): string {
  return new Date(START + write * 1000).toISOString();
}

export interface GivenOptions {
  rules?: Partial<Rules>;
  firstThrow?: Side;
  homePlayers?: string[];
  awayPlayers?: string[];
}

export function created(options: GivenOptions = {}): GameEvent {
  return createGameEvent({
    id: 'g-test',
    board: 3,
    home: { name: 'Bag Daddies', players: options.homePlayers ?? [] },
    away: { name: 'Hole Patrol', players: options.awayPlayers ?? [] },
    rules: options.rules,
    firstThrow: options.firstThrow,
    at: at(0),
  });
}

/** A game after these commands, each decided then evolved; fails the test on a refusal. */
export function given(options: GivenOptions, ...commands: Command[]): Game {
  return play(replay([created(options)]), ...commands);
}

export function play(game: Game, ...commands: Command[]): Game {
  let next = game;
  for (const command of commands) {
    const decision = when(next, command);
    if (!decision.ok) expect.fail(`${JSON.stringify(command)} refused: ${decision.code}`);
    next = decision.events.reduce(evolve, next);
  }
  return next;
}

export function when(game: Game, command: Command): Decision {
  return decide(command, game.state, at(game.state.version + 1));
}

/** A whole round: [hole, board] per side, the rest misses. */
export function round(home: [number, number], away: [number, number]): Command {
  return { type: 'round', home: { hole: home[0], board: home[1] }, away: { hole: away[0], board: away[1] } };
}

/** Bags one at a time: 'h' hole, 'b' board, 'm' miss. */
export function bags(side: Side, results: string): Command[] {
  return [...results].map((r) => ({
    type: 'throw',
    side,
    result: r === 'h' ? 'hole' : r === 'b' ? 'board' : 'miss',
  }));
}

export const undo: Command = { type: 'undo' };

/** The log a store would keep for this game: the creation plus every accepted write, in order. */
export function logOf(options: GivenOptions, ...commands: Command[]): GameEvent[] {
  const log: GameEvent[] = [created(options)];
  let game = replay(log);
  for (const command of commands) {
    const decision = when(game, command);
    if (!decision.ok) expect.fail(`${JSON.stringify(command)} refused: ${decision.code}`);
    log.push(...decision.events);
    game = decision.events.reduce(evolve, game);
  }
  return log;
}
