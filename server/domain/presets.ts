// Named rule sets a keeper picks when starting a game; each is plain Rules, so a custom game is just
// different numbers, and the API validates presets and custom rules alike.
import type { Rules } from './types.js';
import { DEFAULT_RULES } from './rules.js';

export type PresetName = 'standard' | 'bar' | 'short';

export interface Preset {
  label: string;
  description: string;
  rules: Rules;
}

export const PRESETS: Readonly<Record<PresetName, Preset>> = Object.freeze({
  standard: {
    label: 'Standard (ACL/ACO)',
    description: 'First to 21 or more with cancellation scoring; only the difference in a round counts.',
    rules: { ...DEFAULT_RULES },
  },
  bar: {
    label: 'Bar rules (bust to 15)',
    description: 'Cancellation scoring to exactly 21: a side that passes 21 drops back to 15.',
    rules: { ...DEFAULT_RULES, bust: 15 },
  },
  short: {
    label: 'Short game (11)',
    description: 'First to 11 or more with cancellation scoring, for a quick game or a crowded night.',
    rules: { ...DEFAULT_RULES, target: 11 },
  },
});
