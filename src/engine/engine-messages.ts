import type { MetadataJson } from '../codegen/introspect.js';
import type { BackendChoice } from './create-backend.js';
import type { MigrationToRun } from './migration-refused.js';

/** What the engine's thread starts with. */
export interface EngineThreadData {
  readonly backend: BackendChoice;
  readonly history: readonly MigrationToRun[];
}

/** The engine thread's `workerData`. */
export interface EngineWorkerData {
  /** Keep the engine between runs (see `residentEngine`) instead of ending after one. */
  readonly resident: boolean;
}

/** From the calling thread to the engine's. */
export type ToEngine =
  /** The engine the config names, to warm while the folder is read (see `EngineBackend.warm`); optional. */
  | { readonly type: 'warm'; readonly backend: BackendChoice }
  /** Which engine, and the folder's migrations (`abandon` may come instead); `run` tags its `ended`. */
  | { readonly type: 'start'; readonly run: number; readonly data: EngineThreadData }
  /** Boot the engine and apply the history now. */
  | { readonly type: 'prepare' }
  /** Run the new migrations (preparing first if need be), introspect, and end the run. */
  | { readonly type: 'finish'; readonly next: readonly MigrationToRun[] }
  /** End run `run` without running anything more; answered by its `ended`, even when it never started. */
  | { readonly type: 'abandon'; readonly run: number }
  /** A resident thread, between runs (`ResidentEngine.close` waits for the run in progress): close the engine it keeps, and end. */
  | { readonly type: 'close' };

/** An error as it crosses threads: typed errors keep their type, anything else is a bug report. */
export type ErrorJson =
  | { readonly kind: 'refused'; readonly migration: MigrationToRun; readonly statement: string; readonly reason: string; readonly message: string; readonly details: readonly string[] }
  | { readonly kind: 'sections'; readonly exitCode: 1 | 2; readonly message: string; readonly details: readonly string[] }
  | { readonly kind: 'internal'; readonly message: string; readonly stack: string | undefined };

/** From the engine's thread to the calling one. */
export type FromEngine =
  | { readonly type: 'identity'; readonly identity: string }
  | { readonly type: 'progress'; readonly step: string }
  | { readonly type: 'metadata'; readonly metadata: MetadataJson }
  | { readonly type: 'error'; readonly error: ErrorJson }
  /**
   * Run `run` is over and its engine closed, or, on a resident thread, kept for the next run. Tagged,
   * because an `abandon` that crossed the end of its run is answered too, and only that run may take it.
   */
  | { readonly type: 'ended'; readonly run: number };
