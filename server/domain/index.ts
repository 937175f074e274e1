// The cornhole rules engine's public face: the vocabulary, the rules and the pure game functions.
// Everything outside server/domain imports from here, never from the files behind it.
export * from './types.js';
export { DEFAULT_RULES, roundPoints, validateRules } from './rules.js';
export { PRESETS } from './presets.js';
export type { Preset, PresetName } from './presets.js';
export { createGameEvent } from './create.js';
export type { CreateGameInput } from './create.js';
export { bagsLeft, evolve, liveState, replay } from './game.js';
export type { Game } from './game.js';
export { decide } from './decide.js';
