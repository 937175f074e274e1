// The CSP build of Alpine ships no types; this is the slice BagTrax uses.
declare module '@alpinejs/csp' {
  interface AlpineMagics {
    $el: HTMLElement;
    $root: HTMLElement;
    $refs: Record<string, HTMLElement>;
    $nextTick(fn?: () => void): Promise<void>;
  }
  interface AlpineStatic {
    data(name: string, factory: (...args: never[]) => object): void;
    start(): void;
  }
  const Alpine: AlpineStatic;
  export default Alpine;
  export type { AlpineMagics };
}
