// A late team's preview (the answer to the run page's "Preview the entry" once the tournament has
// started): where the team goes (the bye it takes and who it meets there, or the free seat and its
// matches), what is worked out again, what is called at once, in people's words, and the Confirm
// button that enters it. Nothing has changed yet; the Confirm form carries the version the preview
// was made on, so a tournament that moved on in between refuses it instead of seating the team
// somewhere nobody saw.
import { randomUUID } from 'node:crypto';
import { matchLabel, type EntryPreviewed, type TournamentState } from '../../domain/tournament/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions } from '../layout.js';
import { nameOf, namesOf, versus } from '../partials/tournament-words.js';
import { voidWords } from './correct-result.js';

export interface EntryView {
  /** The tournament now (before the entry). */
  state: TournamentState;
  preview: EntryPreviewed;
}

/**
 * Where the team goes: a sentence, and for a free seat the matches it would play (each with its
 * opponent).
 */
export function entryWords(
  state: TournamentState,
  preview: EntryPreviewed,
): { where: string; matches: string[] } {
  const { after, team } = preview;
  const names = namesOf(after);
  const find = (id: string) => after.matches.find((m) => m.id === id)!;
  const against = (opponent: string | null) =>
    opponent === null ? 'whoever comes through' : nameOf(names, opponent);
  if (preview.slot !== null) {
    const m = find(preview.slot.match);
    const other = preview.matches.find((x) => x.match === m.id)?.opponent ?? null;
    const where =
      other === null
        ? `${team.name} take the bye in ${matchLabel(after, m)}: it is played instead of going through without a game.`
        : `${team.name} take the bye in ${matchLabel(after, m)}: instead of going through without a game, ${nameOf(names, other)} play ${team.name}.`;
    return { where, matches: [] };
  }
  if (preview.matches.length === 0) {
    return { where: `${team.name} join the teams: ${after.teams.length} in all.`, matches: [] };
  }
  const pool = find(preview.matches[0]!.match).bracket;
  const seat = state.format === 'round-robin' ? 'the round robin' : `Pool ${pool}`;
  return {
    where: `${team.name} take the free seat in ${seat}: each round they play the team that sits it out.`,
    matches: preview.matches.map(
      ({ match, opponent }) => `${matchLabel(after, find(match))}: against ${against(opponent)}`,
    ),
  };
}

/** What is called to a board at once, or that the team's first match waits for one. */
function callWords(preview: EntryPreviewed): string[] {
  const { after } = preview;
  const names = namesOf(after);
  const ours = new Set(preview.matches.map((m) => m.match));
  const lines = preview.calls.map(({ match, board }) => {
    const m = after.matches.find((x) => x.id === match)!;
    return `${matchLabel(after, m)} (${versus(m, names)}) is called to board ${board} at once.`;
  });
  const first = preview.matches[0];
  if (first !== undefined && !preview.calls.some((c) => ours.has(c.match))) {
    const m = after.matches.find((x) => x.id === first.match)!;
    const what = m.status === 'ready' ? 'waits for a free board' : 'is called once its teams are known';
    lines.push(`${matchLabel(after, m)} (${versus(m, names)}) ${what}.`);
  }
  return lines;
}

function hidden(name: string, value: string | number): Html {
  return html`<input type="hidden" name="${name}" value="${value}" />`;
}

export function entryPage(v: EntryView, base: Omit<LayoutOptions, 'title' | 'body'>) {
  const { state, preview } = v;
  const { team } = preview;
  const names = namesOf(state);
  const back = `/host/tournaments/${state.id}`;
  const voided = preview.voids
    .map((id) => state.matches.find((m) => m.id === id))
    .filter((m) => m !== undefined);
  const players = team.players.length ? ` (${team.players.join(', ')})` : '';
  const words = entryWords(state, preview);
  return layout({
    ...base,
    title: `Enter ${team.name}`,
    current: 'host',
    body: html`<main
      class="page narrow run-entry"
      data-team="${team.id}"
      data-slot="${preview.slot === null ? '' : `${preview.slot.match} ${preview.slot.side}`}"
      data-voids="${preview.voids.join(' ')}"
    >
      <p class="t-back"><a href="${back}">← ${state.name}</a></p>
      <h1>Enter ${team.name}</h1>
      <div class="panel">
        <p>A late team for ${state.name}: <strong>${team.name}</strong>${players}.</p>
        <h2>Where they go</h2>
        <p class="entry-where">${words.where}</p>
        ${
          words.matches.length === 0
            ? ''
            : html`<p>Their matches:</p>
                <ul class="entry-matches">
                  ${words.matches.map((line) => html`<li>${line}</li>`)}
                </ul>`
        }
        ${callWords(preview).map((line) => html`<p class="entry-call">${line}</p>`)}
        <h2>What it changes</h2>
        ${
          voided.length === 0
            ? html`<p class="entry-none">Nothing played or called changes.</p>`
            : html`<p>
                  ${voided.length === 1 ? 'This match is' : `These ${voided.length} matches are`} worked out
                  again (none of them has been played):
                </p>
                <ul class="entry-voids">
                  ${voided.map((m) => html`<li data-match="${m.id}">${voidWords(state, m, names)}</li>`)}
                </ul>`
        }
        <p class="muted">Nothing has changed yet.</p>
        <form method="post" action="${back}/teams" class="inline-form confirm-form">
          ${hidden('expectedVersion', state.version)} ${hidden('key', randomUUID())}
          ${hidden('name', team.name)} ${team.players.map((p) => hidden('player', p))}
          <button class="button button-primary" type="submit">Confirm: enter ${team.name}</button>
          <a class="button" href="${back}">Cancel</a>
        </form>
      </div>
    </main>`,
  });
}
