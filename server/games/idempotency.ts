// Idempotency-Key: every answer decided under a key is kept with a fingerprint of its request, in
// the write's own transaction; the same request again gets that answer back, rebuilt from the log,
// and another request under the key is refused. Kept answers are forgotten after a day.
import { createHash } from 'node:crypto';
import type { AnswerRecord, Store } from '../store/index.js';
import type { GameReads } from './reads.js';
import { keyReused, notFound, type Answer, type Refused, type WriteResult } from './results.js';

/** A write as the client sent it: its key, and what the key must keep meaning. */
export interface KeyedRequest {
  key: string;
  method: string;
  /** The URL path without the query. */
  path: string;
  /** The parsed body (JSON, or a form's fields); `{}` when there was none. */
  body: unknown;
}

export const KEEP_ANSWERS_MS = 24 * 3600_000;
/** How often a process sweeps old answers from inside a write (it also does so at open). */
export const PRUNE_EVERY_MS = 3600_000;

/** JSON with object keys sorted, so that key order and spacing do not make another request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** 128 bits of SHA-256 over method, path and body: 22 characters per kept answer. */
export function fingerprint(req: Omit<KeyedRequest, 'key'>): string {
  return createHash('sha256')
    .update(`${req.method.toUpperCase()} ${req.path}\n${canonicalJson(req.body)}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

export class Idempotency {
  private lastPrune = -Infinity;

  constructor(
    private readonly store: Store,
    private readonly reads: GameReads,
    private readonly now: () => Date,
  ) {}

  /**
   * Inside the write transaction: the answer already given under this key (replayed), a refusal
   * when the key was used for another request (nothing is kept for it), or null for a new key.
   */
  recall(req: KeyedRequest): WriteResult | null {
    const record = this.store.answers.find(req.key);
    if (!record) return null;
    if (!sameRequest(record, req)) return keyReused();
    return { kind: 'replayed', answer: this.rebuild(record) };
  }

  /** Inside the same transaction as the write's events: what it takes to give `answer` again. */
  remember(req: KeyedRequest, answer: Answer): void {
    const state = answer.state;
    this.store.answers.keep(
      req.key,
      {
        fingerprint: fingerprint(req),
        status: answer.status,
        gameId: state?.id ?? null,
        tournamentId: null,
        version: state?.version ?? null,
        code: answer.ok ? null : answer.code,
        error: answer.ok ? null : answer.error,
      },
      this.now().getTime(),
    );
  }

  /** Forgets answers older than a day; at most once an hour unless `force`. */
  prune(force = false): number {
    const now = this.now().getTime();
    if (!force && now - this.lastPrune < PRUNE_EVERY_MS) return 0;
    this.lastPrune = now;
    return this.store.answers.prune(now - KEEP_ANSWERS_MS);
  }

  private rebuild(record: AnswerRecord): Answer {
    const { gameId, version } = record;
    const state = gameId !== null && version !== null ? this.reads.stateAt(gameId, version) : null;
    if (record.status === 204) return { ok: true, status: 204, state: null };
    // A log only grows, so the game of a kept answer is there to fold unless the organiser has
    // removed it since: then the truthful answer is that the game is gone.
    if (gameId !== null && state === null) {
      if (this.store.gameVersion(gameId) === null) return notFoundAnswer(gameId);
      throw new Error(`The answer kept for game ${gameId} at version ${String(version)} cannot be rebuilt`);
    }
    if (record.status === 200 || record.status === 201) {
      if (state === null) throw new Error('A kept 2xx answer names no game');
      return { ok: true, status: record.status, state };
    }
    return {
      ok: false,
      status: record.status as Refused['status'],
      code: record.code ?? 'error',
      error: record.error ?? 'The request was refused.',
      state,
    };
  }
}

/** Whether a kept answer's request is this one (method, path and body). */
export function sameRequest(record: AnswerRecord, req: KeyedRequest): boolean {
  if (record.legacyScope !== null) return record.legacyScope === `${req.method.toUpperCase()} ${req.path}`;
  return record.fingerprint === fingerprint(req);
}

function notFoundAnswer(gameId: string): Answer {
  const result = notFound(gameId);
  return result.answer;
}
