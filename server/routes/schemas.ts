// Every body, parameter and header the API accepts, as strict schemas: unknown fields are refused (a
// misspelt `expectedVersion` must not switch the check off) and the error names the field.
import { z } from 'zod';
import { badRequest } from '../http/errors.js';

// Control characters (line breaks, NUL, escape sequences) and bidi overrides have no place in a name
// shown on a TV and written to a spreadsheet: they could break a line or make text read backwards.
const UNPRINTABLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const label = () =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(40, 'must be at most 40 characters')
    .refine((text) => !UNPRINTABLE.test(text), 'must not contain control characters');
const name = label();
const player = label();
const team = z.strictObject({ name, players: z.array(player).max(2, 'has at most two players').optional() });
const side = z.enum(['home', 'away']);
const count = z
  .number()
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(4, 'is at most 4 bags');
const expectedVersion = z
  .number()
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(1_000_000)
  .optional();

export const rulesSchema = z.strictObject({
  target: z.number().int().min(1).max(100).optional(),
  cancellation: z.boolean().optional(),
  bust: z.number().int().min(0).max(99).nullable().optional(),
  skunk: z.number().int().min(1).max(99).nullable().optional(),
  winBy: z.union([z.literal(1), z.literal(2)]).optional(),
  washOrder: z.enum(['same', 'alternate']).optional(),
});

export const createGameSchema = z.strictObject({
  home: team,
  away: team,
  board: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(64).nullable().optional(),
  rules: rulesSchema.optional(),
  preset: z.enum(['standard', 'bar', 'short']).optional(),
  firstThrow: side.optional(),
});

/** PATCH /api/games/{id}: any of the names and the board (CONTRACT.md); players are not edited. */
export const editGameSchema = z.strictObject({
  home: z.strictObject({ name }).optional(),
  away: z.strictObject({ name }).optional(),
  board: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(64).nullable().optional(),
  expectedVersion,
});

export const throwSchema = z.strictObject({
  side,
  result: z.enum(['hole', 'board', 'miss']),
  expectedVersion,
});

const roundSide = z
  .strictObject({ hole: count, board: count })
  .refine((c) => c.hole + c.board <= 4, { message: 'has more than four bags (hole + board is at most 4)' });

export const roundSchema = z.strictObject({ home: roundSide, away: roundSide, expectedVersion });
export const undoSchema = z.strictObject({ expectedVersion });
export const restoreSchema = z.strictObject({});
/** POST /api/games/{id}/queue: the place in its board's line, as `state.queue.position` reads it. */
export const queueSchema = z.strictObject({
  position: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000),
  expectedVersion,
});

const whole = z.number().int('must be a whole number');
const boardNumber = z.number().int('must be a whole number').min(1, 'must be 1 or more').max(64);

/** A drawn tournament's player: a name, or `{name, tier}` for a draw with A/B tiers. */
const drawnPlayer = z.union([
  player,
  z.strictObject({ name: player, tier: z.enum(['A', 'B']).nullable().optional() }),
]);

/**
 * POST /api/tournaments (CONTRACT.md "Tournaments" and "More of a tournament night"): `teams`, or
 * `players` with a `draw`; the domain says what does not go together (its input codes are 400s).
 */
export const createTournamentSchema = z.strictObject({
  name,
  format: z.enum(['single', 'double', 'round-robin', 'pools']),
  teams: z.array(team).min(2, 'needs at least 2 teams').max(64, 'takes at most 64 teams').optional(),
  players: z
    .array(drawnPlayer)
    .min(4, 'needs at least 4 players')
    .max(128, 'takes at most 128 players')
    .optional(),
  draw: z.enum(['blind', 'switch']).optional(),
  rounds: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(32).optional(),
  // Ranges are the domain's to check (bad_pools, bad_best_of, bad_options): one place says them.
  pools: z.strictObject({ size: whole, advance: whole }).optional(),
  bestOf: z.record(z.string().max(8), whole).optional(),
  noShowMinutes: whole.optional(),
  boards: z.array(boardNumber).min(1, 'needs at least one board').max(64),
  preset: z.enum(['standard', 'bar', 'short']).optional(),
  seeding: z.enum(['entered', 'random', 'stats']).optional(),
  seed: z.number().int('must be a whole number').min(0).max(0xffff_ffff).optional(),
  reset: z.boolean().optional(),
  twice: z.boolean().optional(),
  autoCall: z.boolean().optional(),
});

export const tournamentWriteSchema = z.strictObject({ expectedVersion });
/** POST /api/tournaments/{id}/start: `dropUnchecked` starts without those not checked in. */
export const tournamentStartSchema = z.strictObject({
  dropUnchecked: z.boolean().optional(),
  expectedVersion,
});
export const tournamentBoardSchema = z.strictObject({ board: boardNumber, expectedVersion });
/** POST /api/tournaments/{id}/teams: a late entry, or with `preview` what it would do. */
export const tournamentTeamSchema = z.strictObject({
  name,
  players: z.array(player).max(2, 'has at most two players').optional(),
  preview: z.boolean().optional(),
  expectedVersion,
});
/** POST /api/tournaments/{id}/players: a late player where teams are drawn (tier where the others have one). */
export const tournamentPlayerSchema = z.strictObject({
  name: player,
  tier: z.enum(['A', 'B']).nullable().optional(),
  expectedVersion,
});
const matchScore = z.strictObject({
  home: z.number().int('must be a whole number').min(0, 'must not be negative').max(999),
  away: z.number().int('must be a whole number').min(0, 'must not be negative').max(999),
});
/** POST /api/tournaments/{id}/matches/{match}/forfeit: the team that takes the match. */
export const tournamentForfeitSchema = z.strictObject({ winner: z.string().min(1).max(64), expectedVersion });
/** POST /api/tournaments/{id}/matches/{match}/result: a correction, or with `preview` what it would void. */
export const tournamentResultSchema = z.strictObject({
  winner: z.string().min(1).max(64),
  score: matchScore.optional(),
  preview: z.boolean().optional(),
  expectedVersion,
});

/** A match id from the URL: "W1-2", "L3-1", "F1", "A2-3". */
export function matchId(raw: string): string | null {
  return /^[A-Za-z0-9_-]{1,32}$/.test(raw) ? raw : null;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function fieldName(path: PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : 'body';
}

/** Parses or throws a 400 whose sentence names the first offending field. */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? ` in ${fieldName(issue.path)}` : '';
    throw badRequest(
      `Unknown field${issue.keys.length > 1 ? 's' : ''}${where}: ${issue.keys.join(', ')}.`,
      'unknown_field',
    );
  }
  // An absent field fails as a wrong type or as an enum miss depending on its schema: say "missing".
  if (issue.code !== 'custom' && issue.path.length > 0 && valueAt(value, issue.path) === undefined) {
    throw badRequest(`The field ${fieldName(issue.path)} is missing.`, 'missing_field');
  }
  if (issue.code === 'invalid_type') {
    const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
    throw badRequest(`The field ${fieldName(issue.path)} must be ${expected}.`, 'wrong_type');
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map((v) => JSON.stringify(v)).join(' or ');
    throw badRequest(`The field ${fieldName(issue.path)} must be ${options}.`, 'invalid_value');
  }
  throw badRequest(`The field ${fieldName(issue.path)} ${issue.message}.`, 'invalid_value');
}

/** An Idempotency-Key: printable, at most 200 characters. */
export function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  if (header.length > 200 || !/^[\x21-\x7e]+$/.test(header)) {
    throw badRequest(
      'The Idempotency-Key header must be 1 to 200 printable characters.',
      'bad_idempotency_key',
    );
  }
  return header;
}

/** A game id from the URL: our ids are short base64url strings. */
export function gameId(raw: string): string | null {
  return /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : null;
}
