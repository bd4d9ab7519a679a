/**
 * Code or data a page loads from the server once, asked for as the page opens so that what needs
 * it later works even with the network gone. A load that failed is tried again when needed, and
 * says what could not be loaded rather than the browser's words ("Failed to fetch dynamically
 * imported module").
 */
import { ApiError } from './api.js';

/** `load`, run at the first call and its answer kept; `what` names it in the error. */
export function loadOnce<T>(what: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      if (error instanceof ApiError) throw error;
      throw new Error(
        `Could not load ${what} from the server: connect to it once more, then try again.`,
      );
    }));
}
