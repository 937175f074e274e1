// The slice of htmx 4's API that BagTrax's browser code touches.
declare module 'htmx.org' {
  interface Htmx {
    config: { noSwap: Array<number | string>; [key: string]: unknown };
    trigger(elt: Element, event: string, detail?: unknown): boolean;
    ajax(verb: string, path: string, context?: unknown): Promise<void>;
    process(elt: Element): void;
  }
  const htmx: Htmx;
  export default htmx;
  export type { Htmx };
}
declare module 'htmx.org/dist/ext/hx-sse.js';
