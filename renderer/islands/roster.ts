// Teams of earlier games as chips on the new-game form: a tap fills the next empty team name (and its
// players, when that field is empty too), so a team that played before is never typed again.
export interface RosterPick {
  name: string;
  players: string;
}

/** Which side a picked team goes to: home while its name is empty, else away (a second pick replaces it). */
export function sideFor(homeName: string): 'home' | 'away' {
  return homeName.trim() === '' ? 'home' : 'away';
}

export function roster() {
  return {
    pick(this: { $el: HTMLElement }, e: Event) {
      const button = e.currentTarget as HTMLElement;
      const form = this.$el.closest('form');
      if (!form) return;
      const field = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      const home = field('home');
      const away = field('away');
      if (!home || !away) return;
      const side = sideFor(home.value);
      const name = side === 'home' ? home : away;
      name.value = button.dataset.name ?? '';
      const players = field(`${side}Players`);
      if (players) players.value = button.dataset.players ?? '';
      name.dispatchEvent(new Event('input', { bubbles: true }));
      button.setAttribute('aria-pressed', 'true');
    },
  };
}
