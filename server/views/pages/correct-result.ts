// A corrected result's preview (the answer to the run page's "Preview the correction"): the result
// as it would read, the matches it voids in people's words, and the one button that applies it.
// Nothing has changed yet; the Apply form carries the version the preview was made on, so a
// tournament that moved on in between refuses it instead of voiding matches nobody saw listed.
import { randomUUID } from 'node:crypto';
import {
  matchLabel,
  previewCorrection,
  type Match,
  type Score,
  type TournamentState,
} from '../../domain/tournament/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions } from '../layout.js';
import { nameOf, namesOf, versus } from '../partials/tournament-words.js';

export interface CorrectionView {
  state: TournamentState;
  match: Match;
  winner: string;
  /** The points as typed (both or neither). */
  score: Score | null;
  voids: readonly string[];
}

/** What happens to a voided match, in a line: its teams, and what it loses. */
export function voidWords(state: TournamentState, m: Match, names = namesOf(state)): string {
  const label = `${matchLabel(state, m)} (${versus(m, names)})`;
  if (m.status === 'done' && m.decidedBy === 'game') {
    const score = m.score === null ? '' : ` ${m.score.home}–${m.score.away}`;
    return `${label}: its result, ${nameOf(names, m.winner)} won${score}, is cleared and it is played again.`;
  }
  if (m.status === 'live') return `${label}: the game on board ${m.board} is stopped and the match reset.`;
  if (m.games.length > 0) {
    const won = `${m.games.filter((g) => g.winner === m.home).length}–${m.games.filter((g) => g.winner === m.away).length}`;
    return `${label}: its games so far (${won}) are cleared and the series starts again.`;
  }
  if (m.status === 'called') return `${label}: its call to board ${m.board} is taken back.`;
  if (m.decidedBy === 'forfeit') return `${label}: its forfeit is cleared.`;
  return `${label}: its teams are worked out again.`;
}

function hidden(name: string, value: string | number): Html {
  return html`<input type="hidden" name="${name}" value="${value}" />`;
}

export function correctionPage(v: CorrectionView, base: Omit<LayoutOptions, 'title' | 'body'>) {
  const { state, match } = v;
  const names = namesOf(state);
  const back = `/host/tournaments/${state.id}`;
  // The points as the correction would record them (the domain swaps them for a result entered the
  // wrong way round).
  const preview = previewCorrection(state, {
    match: match.id,
    winner: v.winner,
    score: v.score ?? undefined,
  });
  const score = preview.ok ? preview.score : v.score;
  const points = score === null ? '' : `, ${score.home}–${score.away}`;
  const voided = v.voids.map((id) => state.matches.find((m) => m.id === id)).filter((m) => m !== undefined);
  return layout({
    ...base,
    title: `Correct ${matchLabel(state, match)}`,
    current: 'host',
    body: html`<main
      class="page narrow run-correction"
      data-match="${match.id}"
      data-voids="${v.voids.join(' ')}"
    >
      <p class="t-back"><a href="${back}">← ${state.name}</a></p>
      <h1>Correct ${matchLabel(state, match)}</h1>
      <div class="panel">
        <p>
          ${versus(match, names)}: now ${nameOf(names, match.winner)}
          won${match.score === null ? '' : ` ${match.score.home}–${match.score.away}`}. Corrected:
          <strong>${nameOf(names, v.winner)} won${points}</strong>.
        </p>
        <h2>What it changes</h2>
        ${
          voided.length === 0
            ? html`<p class="correction-none">No later match depends on it: only this result changes.</p>`
            : html`<p>
                  ${voided.length === 1 ? 'This match is' : `These ${voided.length} matches are`} reset:
                </p>
                <ul class="correction-voids">
                  ${voided.map((m) => html`<li data-match="${m.id}">${voidWords(state, m, names)}</li>`)}
                </ul>`
        }
        <p class="muted">Nothing has changed yet.</p>
        <form method="post" action="${back}/matches/${match.id}/result" class="inline-form">
          ${hidden('expectedVersion', state.version)} ${hidden('key', randomUUID())}
          ${hidden('winner', v.winner)}
          ${v.score === null ? '' : html`${hidden('home', v.score.home)} ${hidden('away', v.score.away)}`}
          <button class="button button-primary" type="submit">Apply the correction</button>
          <a class="button" href="${back}">Cancel</a>
        </form>
      </div>
    </main>`,
  });
}
