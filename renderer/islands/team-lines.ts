// Teams of earlier games as chips on the new-tournament form: a tap adds the team as a line of the
// teams box ("Bag Daddies: Mike, Dana"), unless a line already names it.
const nameOf = (line: string) => (line.split(':')[0] ?? '').trim().toLowerCase();

/** The teams box with `line` added at the end; unchanged when a line has that team's name. */
export function withLine(text: string, line: string): string {
  const name = nameOf(line);
  if (name === '' || text.split(/\r?\n/).some((l) => nameOf(l) === name)) return text;
  const kept = text.replace(/\s+$/, '');
  return kept === '' ? line : `${kept}\n${line}`;
}

export function teamLines() {
  return {
    add(this: { $el: HTMLElement }, e: Event) {
      const button = e.currentTarget as HTMLElement;
      const box = this.$el.closest('form')?.querySelector<HTMLTextAreaElement>('textarea[name="teams"]');
      if (!box) return;
      box.value = withLine(box.value, button.dataset.line ?? '');
      box.dispatchEvent(new Event('input', { bubbles: true }));
      button.setAttribute('aria-pressed', 'true');
    },
  };
}
