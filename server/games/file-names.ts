// Names of the files a venue downloads: by date and teams ("bagtrax-2025-06-07-bag-daddies-vs-hole-patrol.csv"),
// safe for every file system, with the teams' own spelling offered beside it (RFC 6266 filename*).
import type { GameState } from '../domain/index.js';

/** The venue's local date of an ISO time (the laptop's clock is the venue's). */
export function day(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** Letters and digits of any script, the rest as single dashes; `ascii` keeps a-z and 0-9 only. */
export function slug(text: string, ascii: boolean, max = 40): string {
  const base = ascii ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text.normalize('NFC');
  const kept = ascii ? /[^a-z0-9]+/g : /[^\p{L}\p{N}]+/gu;
  return base
    .toLocaleLowerCase('en')
    .replace(kept, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** A game's file name without extension: the day it was played and both teams. */
export function gameFileName(state: GameState): string {
  return `bagtrax-${day(state.createdAt)}-${state.home.name} vs ${state.away.name}`;
}

/** `Content-Disposition` for a download named `name` (any text) with extension `ext`. */
export function attachment(name: string, ext: string): string {
  const ascii = slug(name, true, 120) || 'bagtrax';
  const unicode = slug(name, false, 120) || ascii;
  const header = `attachment; filename="${ascii}.${ext}"`;
  if (unicode === ascii) return header;
  // RFC 5987 attr-char: encodeURIComponent leaves ' ( ) * unescaped, which it must not.
  const encoded = encodeURIComponent(`${unicode}.${ext}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${header}; filename*=UTF-8''${encoded}`;
}
