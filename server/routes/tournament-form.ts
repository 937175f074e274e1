// The new-tournament form's fields as a tournament: a name, a format, one team per line ("Name" or
// "Name: Player, Player"), the boards ticked, a preset, the seeding and the format's option. A problem
// comes back as one sentence for the form, naming the line, with what was typed kept.
import type { NewTournamentInput } from '../tournaments/service.js';
import type { NewTournamentValues } from '../views/pages/new-tournament.js';
import { createTournamentSchema, parse } from './schemas.js';

/** 64 lines of a 40-character name and two players fit. */
const TEAMS_LIMIT = 64 * 130;
const SINGLE = [
  'name',
  'format',
  'preset',
  'seeding',
  'reset',
  'twice',
  'poolSize',
  'poolAdvance',
  'finalBestOf',
  'noShow',
  'draw',
] as const;

/** The fields as typed, cut to a sane length, for the form to show again after a refusal. */
export function tournamentFormValues(form: URLSearchParams): NewTournamentValues {
  const values: NewTournamentValues = {};
  for (const f of SINGLE) {
    const v = form.get(f);
    if (v !== null) values[f] = v.slice(0, 200);
  }
  const teams = form.get('teams');
  if (teams !== null) values.teams = teams.slice(0, TEAMS_LIMIT);
  const players = form.get('players');
  if (players !== null) values.players = players.slice(0, TEAMS_LIMIT);
  values.boards = form.getAll('board').slice(0, 64);
  return values;
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

/** "Name" or "Name (A)" / "Name (B)": a player of a draw, with a tier when it says one. */
export function playerLines(text: string): Array<string | { name: string; tier: 'A' | 'B' }> {
  return text.split(/\r?\n/).flatMap((raw) => {
    const line = raw.trim();
    if (line === '') return [];
    const tier = /^(.*\S)\s*\(([ABab])\)$/.exec(line);
    return [tier ? { name: tier[1]!, tier: tier[2]!.toUpperCase() as 'A' | 'B' } : line];
  });
}

/** The tournament the form asks for, or the sentence that says what to fix. */
export function tournamentFromForm(v: NewTournamentValues): NewTournamentInput | string {
  const draw = v.draw === 'blind' || v.draw === 'switch' ? v.draw : null;
  const teams = draw ? [] : teamLines(v.teams ?? '');
  if (!draw && teams.length < 2) return 'Enter at least two teams, one per line.';
  const players = draw ? playerLines(v.players ?? '') : [];
  if (draw && players.length < 4) return 'Enter at least four players, one per line, for a draw.';
  const boards = (v.boards ?? []).map(Number);
  if (boards.length === 0) return 'Tick at least one board for the tournament.';
  const format = v.format ?? 'double';
  const night = nightFromForm(v, format);
  if (typeof night === 'string') return night;
  const body = {
    name: v.name ?? '',
    format,
    ...(draw
      ? { draw, players }
      : {
          teams: teams.map((t) =>
            t.players.length > 0 ? { name: t.name, players: t.players } : { name: t.name },
          ),
        }),
    boards,
    preset: v.preset ?? 'standard',
    seeding: v.seeding ?? 'entered',
    ...(format === 'double' ? { reset: v.reset === '1' } : {}),
    ...(format === 'round-robin' ? { twice: v.twice === '1' } : {}),
    ...night,
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
    if (/^The field players/.test(message))
      return 'Each player is a name of 1 to 40 characters on a line of its own, with (A) or (B) after it for a tier.';
    if (/^The field name /.test(message))
      return `The tournament's name ${message.slice('The field name '.length)}`;
    return message;
  }
}

const count = (raw: string | undefined): number | null => {
  const text = (raw ?? '').trim();
  return /^\d{1,3}$/.test(text) ? Number(text) : null;
};

/** The night's options of the form: pools, the final's series, the no-show clock (the domain checks ranges). */
function nightFromForm(
  v: NewTournamentValues,
  format: string,
): Pick<NewTournamentInput, 'pools' | 'bestOf' | 'noShowMinutes'> | string {
  const out: Pick<NewTournamentInput, 'pools' | 'bestOf' | 'noShowMinutes'> = {};
  if (format === 'pools') {
    const size = count(v.poolSize);
    const advance = count(v.poolAdvance);
    if (size === null || advance === null)
      return 'Pools: give the teams per pool and how many go on as whole numbers.';
    out.pools = { size, advance };
  }
  if (v.finalBestOf === '3' || v.finalBestOf === '5') out.bestOf = { final: Number(v.finalBestOf) };
  if ((v.noShow ?? '').trim() !== '') {
    const minutes = count(v.noShow);
    if (minutes === null) return 'The no-show clock is a whole number of minutes, or empty for none.';
    out.noShowMinutes = minutes;
  }
  return out;
}
