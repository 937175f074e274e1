// The new-tournament form's fields as a tournament: a name, a format, one team per line ("Name" or
// "Name: Player, Player"), the boards ticked, a preset, the seeding and the format's option. A problem
// comes back as one sentence for the form, naming the line, with what was typed kept.
import type { NewTournamentInput } from '../tournaments/service.js';
import { createTournamentSchema, parse } from './schemas.js';

/** What the organiser typed, as the form shows it again. */
export interface NewTournamentValues {
  name?: string;
  format?: string;
  teams?: string;
  boards?: number[];
  preset?: string;
  seeding?: string;
  reset?: boolean;
  twice?: boolean;
}

export function tournamentFormValues(form: URLSearchParams): NewTournamentValues {
  const text = (key: string, max = 200) => {
    const v = form.get(key);
    return v === null ? undefined : v.slice(0, max);
  };
  return {
    name: text('name'),
    format: text('format'),
    // Up to 64 teams of up to ~90 characters each.
    teams: text('teams', 8000),
    boards: form
      .getAll('board')
      .map(Number)
      .filter((n) => Number.isInteger(n)),
    preset: text('preset'),
    seeding: text('seeding'),
    reset: form.get('reset') === '1',
    twice: form.get('twice') === '1',
  };
}

/** "Team name" or "Team name: Player A, Player B" (also "&" between players). */
export function teamLines(text: string): Array<{ name: string; players: string[]; line: number }> {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    if (raw.trim() === '') return [];
    const colon = raw.indexOf(':');
    const name = (colon < 0 ? raw : raw.slice(0, colon)).trim();
    const players =
      colon < 0
        ? []
        : raw
            .slice(colon + 1)
            .split(/[,&]/)
            .map((p) => p.trim())
            .filter(Boolean);
    return [{ name, players, line: i + 1 }];
  });
}

/** The tournament the form asks for, or the sentence that says what to fix. */
export function tournamentFromForm(v: NewTournamentValues): NewTournamentInput | string {
  const teams = teamLines(v.teams ?? '');
  if (teams.length < 2) return 'Enter at least two teams, one per line.';
  if ((v.boards ?? []).length === 0) return 'Tick at least one board for the tournament.';
  const format = v.format ?? 'double';
  const body = {
    name: v.name ?? '',
    format,
    teams: teams.map((t) => (t.players.length > 0 ? { name: t.name, players: t.players } : { name: t.name })),
    boards: v.boards ?? [],
    preset: v.preset ?? 'standard',
    seeding: v.seeding ?? 'entered',
    ...(format === 'double' ? { reset: v.reset === true } : {}),
    ...(format === 'round-robin' ? { twice: v.twice === true } : {}),
  };
  try {
    return parse(createTournamentSchema, body);
  } catch (err) {
    const message = (err as Error).message;
    // "The field teams.3.players must …" → the line the organiser typed it on.
    const at = /teams\.(\d+)(?:\.(name|players(?:\.\d+)?))?/.exec(message);
    if (at) {
      const team = teams[Number(at[1])]!;
      const where = `Line ${team.line} (“${team.name.slice(0, 40)}”)`;
      if ((at[2] ?? 'name').startsWith('players')) {
        return `${where}: a team has at most two players, each named in 1 to 40 characters.`;
      }
      return `${where}: a team name ${message.replace(/^The field \S+ /, '')}`;
    }
    if (/^The field name /.test(message))
      return `The tournament's name ${message.slice('The field name '.length)}`;
    return message;
  }
}
