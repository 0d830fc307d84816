/** The Statuspage v2 API and the history feeds of runs. */
import { Router } from 'express';
import type { RunRegistry } from '../runs/registry.js';

/** Routes of the public API and feeds, per run and for the default run. */
export function apiRoutes(_deps: {
  runs: RunRegistry;
  defaultRun: string | undefined;
  publicUrl: string | undefined;
}): Router {
  return Router();
}
