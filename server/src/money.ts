/** Money is integer minor units in storage; the API speaks major units as QuickShow does. */

// Making an Intl.NumberFormat costs far more than using one, and a price list converts hundreds of amounts.
const formatters = new Map<string, Intl.NumberFormat>();
function formatterOf(currency: string) {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-US", { style: "currency", currency });
    formatters.set(currency, formatter);
  }
  return formatter;
}

const digits = new Map<string, number>();
function fractionDigits(currency: string) {
  let n = digits.get(currency);
  if (n === undefined) {
    n = formatterOf(currency).resolvedOptions().maximumFractionDigits ?? 2;
    digits.set(currency, n);
  }
  return n;
}

/** Exact conversion or null when the amount has more decimals than the currency allows. */
export function toMinorUnits(major: number, currency: string): number | null {
  const scaled = major * 10 ** fractionDigits(currency);
  const rounded = Math.round(scaled);
  return Math.abs(scaled - rounded) < 1e-6 ? rounded : null;
}

/** Minor units of a stored major-unit amount (data written by the tutorial app), rounded to the currency's digits. */
export const roundToMinorUnits = (major: number, currency: string) => Math.round(major * 10 ** fractionDigits(currency));

export const toMajorUnits = (minor: number, currency: string) => minor / 10 ** fractionDigits(currency);

export const formatMoney = (minor: number, currency: string) => formatterOf(currency).format(toMajorUnits(minor, currency));
