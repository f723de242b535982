import QRCode from "qrcode";

/**
 * Error correction M (15 %) keeps a ~260-character token at version 11 or so: modules large
 * enough to scan from a phone screen at arm's length, with room for a scratched printout. The
 * four-module quiet zone is what scanners expect around the code.
 */
const options = { errorCorrectionLevel: "M" as const, margin: 4 };

export const qrSvg = (text: string) => QRCode.toString(text, { ...options, type: "svg", color: { dark: "#000000", light: "#ffffff" } });

/** The code's modules, for drawing it elsewhere (the PDF ticket): `size` × `size`, dark where true. */
export function qrModules(text: string) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: options.errorCorrectionLevel });
  return { size: modules.size, isDark: (row: number, column: number) => Boolean(modules.get(row, column)) };
}
