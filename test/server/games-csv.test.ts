// The per-game spreadsheet export: one row per round, and team names that cannot turn into
// formulas or break the file's structure.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../server/domain/index.js';
import { csvCell } from '../../server/games/csv.js';
import { created, openGames, teams, tempDataDir } from './store/helpers.js';

/** A strict RFC 4180 reader, enough to check the export parses back to what was meant. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('game CSV export', () => {
  it('defuses cells that a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('  =1')).toBe("'  =1");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('Bag Daddies')).toBe('Bag Daddies');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
  });

  it('writes the team names and one row per round that parse back exactly', () => {
    const games = openGames(tempDataDir());
    const home = '=cmd|" /C calc"!A0';
    const away = 'Hole, "Patrol"\nB';
    const id = created(games, teams(home, away)).id;
    const round: Command = { type: 'round', home: { hole: 2, board: 1 }, away: { hole: 1, board: 0 } };
    games.command(id, round);
    games.command(id, { type: 'round', home: { hole: 0, board: 0 }, away: { hole: 0, board: 0 } });

    const csv = games.exportGameCsv(id) as string;
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toContainEqual(['home', `'${home}`]);
    expect(rows).toContainEqual(['away', away]);
    const header = rows.findIndex((r) => r[0] === 'round');
    expect(rows[header]).toEqual([
      'round',
      'home hole',
      'home board',
      'home miss',
      'home points',
      'away hole',
      'away board',
      'away miss',
      'away points',
      'scored',
      'net',
      'home score',
      'away score',
    ]);
    expect(rows.slice(header + 1)).toEqual([
      ['1', '2', '1', '1', '7', '1', '0', '3', '3', 'home', '4', '4', '0'],
      ['2', '0', '0', '4', '0', '0', '0', '4', '0', '', '0', '4', '0'],
    ]);
  });

  it('answers null for a game that does not exist', () => {
    expect(openGames(tempDataDir()).exportGameCsv('nope')).toBeNull();
  });
});
