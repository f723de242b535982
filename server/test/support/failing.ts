/**
 * Makes one method of a storage repository fail from now on, as when the database goes away at
 * exactly that step of a request; returns the undo. For failures a real outage cannot aim at.
 */
export function failing(target: object, method: string): () => void {
  const own = Object.getOwnPropertyDescriptor(target, method);
  Object.defineProperty(target, method, { value: () => Promise.reject(new Error("database unreachable")), configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(target, method, own);
    else delete (target as Record<string, unknown>)[method];
  };
}
