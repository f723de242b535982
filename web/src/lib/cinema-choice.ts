import { useSyncExternalStore } from "react";

/** The cinema the customer picked on a movie page, remembered in this browser (null: every cinema). */
const storageKey = "quickshow.cinema";
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function chooseCinema(cinemaId: string | null) {
  try {
    if (cinemaId) localStorage.setItem(storageKey, cinemaId);
    else localStorage.removeItem(storageKey);
  } catch {
    // Private browsing without storage: the choice lasts for this page only.
  }
  for (const listener of listeners) listener();
}

export function useCinemaChoice(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
    () => null,
  );
}
