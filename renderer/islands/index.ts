// Registers every Alpine island by name (the CSP build needs Alpine.data, no inline expressions).
import type Alpine from '@alpinejs/csp';
import { callTimes } from './call-times.js';
import { connection } from './connection.js';
import { gameNotice, gameWhere } from './game-notice.js';
import { gameState } from './game-state.js';
import { keeperPad } from './keeper-pad.js';
import { roster } from './roster.js';
import { teamLines } from './team-lines.js';
import { tvWall } from './tv-wall.js';

export function registerIslands(alpine: typeof Alpine): void {
  alpine.data('callTimes', callTimes);
  alpine.data('connection', connection);
  alpine.data('gameNotice', gameNotice);
  alpine.data('gameState', gameState);
  alpine.data('gameWhere', gameWhere);
  alpine.data('keeperPad', keeperPad);
  alpine.data('roster', roster);
  alpine.data('teamLines', teamLines);
  alpine.data('tvWall', tvWall);
}
