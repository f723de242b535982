/** Money is integer minor units in storage; the API speaks major units as QuickShow does. */

const fractionDigits = (currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** Exact conversion or null when the amount has more decimals than the currency allows. */
export function toMinorUnits(major: number, currency: string): number | null {
  const scaled = major * 10 ** fractionDigits(currency);
  const rounded = Math.round(scaled);
  return Math.abs(scaled - rounded) < 1e-6 ? rounded : null;
}

/** Minor units of a stored major-unit amount (data written by the tutorial app), rounded to the currency's digits. */
export const roundToMinorUnits = (major: number, currency: string) => Math.round(major * 10 ** fractionDigits(currency));

export const toMajorUnits = (minor: number, currency: string) => minor / 10 ** fractionDigits(currency);

export const formatMoney = (minor: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(toMajorUnits(minor, currency));
