/** The message a worker sends its primary once it serves (see `primary.ts`). */
export const READY = { type: 'statusdrill:ready' } as const;

/** Whether a worker's message says it is ready. */
export function isReady(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === READY.type;
}
