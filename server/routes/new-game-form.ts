// The new-game form's fields as a game: names and players, the board, a preset or custom rules, who
// throws first. A problem comes back as one sentence for the form, with what was typed kept.
import type { Rules, Side } from '../domain/index.js';
import { PRESETS, validateRules, type PresetName } from '../domain/index.js';
import type { NewGameInput } from '../games.js';
import { rulesFrom } from '../games/records.js';
import type { NewGameValues } from '../views/pages/new-game.js';
import { createGameSchema, parse } from './schemas.js';

const FIELDS = [
  'home',
  'away',
  'homePlayers',
  'awayPlayers',
  'board',
  'preset',
  'target',
  'bust',
  'skunk',
  'winBy',
  'washOrder',
  'firstThrow',
] as const satisfies ReadonlyArray<keyof NewGameValues>;

export function formValues(form: URLSearchParams): NewGameValues {
  const values: NewGameValues = {};
  for (const f of FIELDS) {
    const v = form.get(f);
    if (v !== null) values[f] = v.slice(0, 200);
  }
  return values;
}

function players(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[,&]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** A whole number typed into a field, null when it is empty; a sentence when it is not a number. */
function whole(raw: string | undefined, label: string): number | null | string {
  const text = (raw ?? '').trim();
  if (text === '') return null;
  return /^\d{1,3}$/.test(text) ? Number(text) : `${label} must be a whole number.`;
}

function customRules(v: NewGameValues): Rules | string {
  const target = whole(v.target, 'The target score');
  const bust = whole(v.bust, 'The bust score');
  const skunk = whole(v.skunk, 'The skunk score');
  for (const x of [target, bust, skunk]) if (typeof x === 'string') return x;
  const rules = rulesFrom({
    target: (target as number | null) ?? undefined,
    bust: bust as number | null,
    skunk: skunk as number | null,
    winBy: v.winBy === '2' ? 2 : 1,
    washOrder: v.washOrder === 'alternate' ? 'alternate' : 'same',
  });
  return validateRules(rules) ?? rules;
}

/** The game the form asks for, or the sentence that says what to fix. */
export function gameFromForm(v: NewGameValues): NewGameInput | string {
  const preset = v.preset ?? 'standard';
  let rules: Rules;
  if (preset === 'custom') {
    const custom = customRules(v);
    if (typeof custom === 'string') return custom;
    rules = custom;
  } else if (Object.hasOwn(PRESETS, preset)) {
    rules = { ...PRESETS[preset as PresetName].rules };
  } else {
    return 'Pick one of the rules.';
  }
  const firstThrow: Side = v.firstThrow === 'away' ? 'away' : 'home';
  let body;
  try {
    body = parse(createGameSchema, {
      home: { name: v.home ?? '', players: players(v.homePlayers) },
      away: { name: v.away ?? '', players: players(v.awayPlayers) },
      board: (v.board ?? '') === '' ? null : Number(v.board),
    });
  } catch (err) {
    return (err as Error).message;
  }
  return {
    home: { name: body.home.name, players: body.home.players ?? [] },
    away: { name: body.away.name, players: body.away.players ?? [] },
    board: body.board ?? null,
    rules,
    firstThrow,
  };
}
