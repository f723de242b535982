import type { Film } from "./films.ts";

/** Draws posters, backdrops and cast portraits as SVG so the catalog ships no third-party art. */

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

const hueOf = (seed: string) => {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 360;
};

/** Splits a title into lines that fit the poster width. */
function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function posterSvg(film: Film): string {
  const hue = hueOf(film.title);
  const lines = wrap(film.title.toUpperCase(), 12);
  const year = film.date.slice(0, 4);
  const title = lines
    .map((l, i) => `<text x="250" y="${470 + i * 62 - (lines.length - 1) * 31}" text-anchor="middle" font-size="52" font-weight="800" letter-spacing="2">${escapeXml(l)}</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 500 750" width="500" height="750">
<defs><linearGradient id="g" x1="0" y1="0" x2="0.4" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,32%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},60%,8%)"/></linearGradient>
<radialGradient id="l" cx="0.7" cy="0.25" r="0.6"><stop offset="0" stop-color="hsl(${(hue + 20) % 360},90%,70%)" stop-opacity="0.55"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient></defs>
<rect width="500" height="750" fill="url(#g)"/><rect width="500" height="750" fill="url(#l)"/>
<circle cx="350" cy="190" r="120" fill="none" stroke="hsl(${hue},80%,80%)" stroke-opacity="0.35" stroke-width="3"/>
<circle cx="350" cy="190" r="70" fill="hsl(${hue},80%,85%)" fill-opacity="0.18"/>
<g fill="#fff" font-family="Georgia, 'Times New Roman', serif">${title}
<text x="250" y="640" text-anchor="middle" font-size="26" fill-opacity="0.8" letter-spacing="8">${year}</text></g>
<rect x="20" y="20" width="460" height="710" fill="none" stroke="#fff" stroke-opacity="0.25" stroke-width="2"/></svg>`;
}

export function backdropSvg(film: Film): string {
  const hue = hueOf(film.title);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1280 720" width="1280" height="720">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,22%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},50%,6%)"/></linearGradient>
<radialGradient id="s" cx="0.75" cy="0.35" r="0.55"><stop offset="0" stop-color="hsl(${(hue + 20) % 360},85%,65%)" stop-opacity="0.5"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient></defs>
<rect width="1280" height="720" fill="url(#g)"/><rect width="1280" height="720" fill="url(#s)"/>
${Array.from({ length: 7 }, (_, i) => `<rect x="${760 + i * 70}" y="${300 - (i % 3) * 60}" width="46" height="${420 + (i % 3) * 60}" fill="#000" fill-opacity="${0.18 + (i % 2) * 0.1}"/>`).join("")}
<text x="1220" y="680" text-anchor="end" font-family="Georgia, serif" font-size="28" fill="#fff" fill-opacity="0.35" letter-spacing="6">${escapeXml(film.title.toUpperCase())}</text></svg>`;
}

export function portraitSvg(name: string): string {
  const hue = hueOf(name);
  const initials = name
    .split(/\s+/)
    .map((p) => p[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">
<rect width="200" height="200" fill="hsl(${hue},35%,30%)"/><circle cx="100" cy="80" r="38" fill="hsl(${hue},30%,55%)"/>
<path d="M30 200 C40 130 160 130 170 200 Z" fill="hsl(${hue},30%,55%)"/>
<text x="100" y="190" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="30" font-weight="700" fill="#fff">${escapeXml(initials)}</text></svg>`;
}
