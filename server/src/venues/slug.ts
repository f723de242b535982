/** An id from a name: readable in URLs and logs (callers add a suffix when it is taken). */
export const slugOf = (name: string, fallback: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || fallback;
