// The new-tournament form's fields as typed, for showing the form again after a refusal (the POST
// route turns them into a tournament). Strings as posted, cut to a sane length; boards repeated.
import type { NewTournamentValues } from '../views/pages/new-tournament.js';

const SINGLE = ['name', 'format', 'preset', 'seeding', 'reset', 'twice'] as const;
/** 64 lines of a 40-character name and two players fit. */
const TEAMS_LIMIT = 64 * 130;

export function tournamentFormValues(form: URLSearchParams): NewTournamentValues {
  const values: NewTournamentValues = {};
  for (const f of SINGLE) {
    const v = form.get(f);
    if (v !== null) values[f] = v.slice(0, 200);
  }
  const teams = form.get('teams');
  if (teams !== null) values.teams = teams.slice(0, TEAMS_LIMIT);
  values.boards = form.getAll('board').slice(0, 64);
  return values;
}
