/** Running an act from a button: busy while it runs, its error kept for the page to show. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Unreachable } from './api.js';
import { onReopened } from './events.js';

export interface Action {
  /** What is running, in words, or undefined. */
  readonly busy?: string;
  readonly error?: unknown;
  readonly run: <T>(label: string, work: () => Promise<T>) => Promise<T | undefined>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  // The server back (its event stream open again), a page shows what stands, read anew: that it
  // could not be reached is over, and the act is there to do again.
  useEffect(
    () => (error instanceof Unreachable ? onReopened(() => setError(undefined)) : undefined),
    [error],
  );
  useFocusKeptThrough(!!busy);
  const run = useCallback(async <T>(label: string, work: () => Promise<T>) => {
    setBusy(label);
    setError(undefined);
    try {
      return await work();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(undefined);
    }
  }, []);
  return { busy, error, run };
}

/**
 * A button disabled while the work it started runs loses the focus (to the page's body): once
 * done, the focus goes back to it, or, where the work took it away, to the part of the page it
 * was in.
 */
export function useFocusKeptThrough(busy: boolean): void {
  const focused = useRef<Focused | null>(null);
  // Before the browser moves the focus off the control just disabled.
  useLayoutEffect(() => {
    if (busy) focused.current = focusedNow();
  }, [busy]);
  useEffect(() => {
    if (busy) return;
    const before = focused.current;
    focused.current = null;
    if (!before) return;
    restoreFocus(before);
    return keepFocusAround(before);
  }, [busy]);
}

/** The element that had the focus as an act began, and the parts of the page around it. */
interface Focused {
  readonly element: Element;
  readonly places: readonly Element[];
}

/** The parts of a page that keep the focus for a control an act removed. */
const PLACES = 'article, section, form, li, main';

function focusedNow(): Focused | null {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const places: Element[] = [];
  for (let p = element.parentElement?.closest(PLACES); p; p = p.parentElement?.closest(PLACES))
    places.push(p);
  return { element, places };
}

/** Gives the focus back to the element (or the nearest part of the page around it still shown),
 * unless it went elsewhere meanwhile. */
function restoreFocus({ element, places }: Focused): void {
  const now = document.activeElement;
  // A control disabled may keep the focus a while yet (the browser lets go of it later): it is
  // still to be given a place to go.
  if (now && now !== document.body && now !== element) return;
  if (focusOn(element)) return;
  for (const place of places) {
    if (!(place instanceof HTMLElement) || !place.isConnected) continue;
    // A part of the page takes the focus for the moment, out of the order of Tab.
    if (!place.hasAttribute('tabindex')) place.setAttribute('tabindex', '-1');
    if (focusOn(place)) return;
  }
}

/** How long after an act the page may still take its control away (the record read again). */
const SETTLING_MS = 5_000;

/**
 * The page read again after an act may remove the control it was done with (the button that
 * opened a vote gives way to the one that closes it): for a while, the focus that goes with it
 * is given back to the part of the page around it. Answers how to stop watching.
 */
function keepFocusAround(focused: Focused): () => void {
  const observer = new MutationObserver(() => {
    const now = document.activeElement;
    // Only a focus the control took with it when removed: not one the member moved themself.
    if (!focused.element.isConnected && (!now || now === document.body)) restoreFocus(focused);
  });
  observer.observe(document.body, { childList: true, subtree: true });
  const timer = setTimeout(() => observer.disconnect(), SETTLING_MS);
  return () => {
    clearTimeout(timer);
    observer.disconnect();
  };
}

/** Whether the element took the focus (one disabled, gone or in a closed dialog does not). */
function focusOn(element: Element): boolean {
  if (!(element instanceof HTMLElement) || !element.isConnected) return false;
  if (element.matches(':disabled')) return false;
  element.focus({ preventScroll: true });
  return document.activeElement === element;
}
