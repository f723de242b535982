/** "A1", "A1 and A2", "A1, A2 and A3". */
export function listSeats(seats: readonly string[]): string {
  const sorted = [...seats].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  if (sorted.length <= 1) return sorted.join("");
  return `${sorted.slice(0, -1).join(", ")} and ${sorted[sorted.length - 1]}`;
}
