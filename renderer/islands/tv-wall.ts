// The TV wall: flashes a board's card when its score changes or its game ends, so the room notices.
export function tvWall() {
  return {
    init(this: { $el: HTMLElement }) {
      this.$el.addEventListener('htmx:after:swap', (e) => {
        const target = (e as CustomEvent<{ ctx?: { target?: Element } }>).detail?.ctx?.target;
        const id = target instanceof HTMLElement ? target.id : '';
        const card = id ? document.getElementById(id) : null;
        if (!card || !card.classList.contains('card')) return;
        card.classList.remove('flash');
        void card.offsetWidth;
        card.classList.add(card.classList.contains('card-final') ? 'flash' : 'flash');
        setTimeout(() => card.classList.remove('flash'), 2500);
      });
    },
  };
}
