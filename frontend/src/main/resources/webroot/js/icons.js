// Marker and legend icons, one small SVG glyph per style icon name. A new layer kind needs at most a new
// entry here: unknown icon names are drawn with the generic glyph.

// White glyphs on a 24×24 grid, drawn inside a round badge of the symbol's fill colour.
const GLYPHS = {
  camera: '<path d="M3.5 8.5h10.5v7H3.5z"/><path d="M14.5 10.6l5.5-3.1v9l-5.5-3.1z"/>',
  report:
    '<path d="M4 4.5h16v11H10l-4.5 4v-4H4z"/>' +
    '<path d="M11 6.8h2v5h-2zM11 12.8h2v1.8h-2z" style="fill:var(--fill)"/>',
  station:
    '<circle cx="12" cy="8.5" r="2.2"/><path d="M11 10h2v10.5h-2z"/>' +
    '<path d="M7.6 12.9a6.2 6.2 0 0 1 0-8.8M16.4 4.1a6.2 6.2 0 0 1 0 8.8" fill="none" stroke="#fff" stroke-width="1.7" stroke-linecap="round"/>',
  vessel: '<path d="M3 14h18l-3.2 5.5H6.2z"/><path d="M11 3.5h1.8v9.5H11z"/><path d="M13.3 4.5l5.2 7.5h-5.2z"/>',
  fire:
    '<path d="M12.5 2.5c.8 3.4 5.5 5.6 5.5 11a6 6 0 0 1-12 0c0-3.2 2-4.6 2.4-7 1.3 1.1 1.9 2.6 1.9 3.9 1.8-1.9 2.8-4.6 2.2-7.9z"/>',
  plan: '<path d="M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z"/>',
  generic: '<circle cx="12" cy="12" r="4.5"/>',
};

/** Returns the names of the icons drawn with their own glyph. */
export function knownIcons() {
  return Object.keys(GLYPHS);
}

function glyph(icon) {
  return GLYPHS[icon] || GLYPHS.generic;
}

/** Returns the diameter in CSS pixels of a point marker for a style symbol. */
export function markerSize(symbol) {
  return Math.round(Math.max(18, 2 * (symbol?.radius ?? 7) + 8));
}

/**
 * Returns the HTML of a round point marker: a badge in the symbol's colours with the icon's glyph.
 * heading (degrees clockwise from north, or null) turns the marker into a rotated arrow, for vessels.
 */
export function markerHtml(icon, symbol, heading = null) {
  const size = markerSize(symbol);
  const fill = safeColour(symbol?.fill, '#757575');
  const stroke = safeColour(symbol?.stroke, '#ffffff');
  const strokeWidth = Number(symbol?.strokeWidth ?? 1.5);
  const opacity = Number(symbol?.fillOpacity ?? 1);
  if (heading != null && Number.isFinite(Number(heading))) {
    return (
      `<div class="mk mk-arrow"${stateAttribute(symbol)} style="--fill:${fill};width:${size}px;height:${size}px">` +
      `<svg viewBox="0 0 24 24" width="${size}" height="${size}" style="transform:rotate(${Number(heading)}deg)">` +
      `<path d="M12 2.2l6.8 18.6-6.8-4-6.8 4z" fill="${fill}" fill-opacity="${opacity}" stroke="${stroke}" ` +
      `stroke-width="${strokeWidth}" stroke-linejoin="round"/></svg></div>`
    );
  }
  return (
    `<div class="mk mk-${cssName(icon)}" style="--fill:${fill};width:${size}px;height:${size}px;` +
    `background:${fill};border:${strokeWidth}px solid ${stroke};opacity:${Math.max(0.35, opacity)}">` +
    `<svg viewBox="0 0 24 24" fill="#fff">${glyph(icon)}</svg></div>`
  );
}

/** Returns the HTML of a small legend or panel icon for a style icon in a colour. */
export function smallIconHtml(icon, colour) {
  const fill = safeColour(colour, '#757575');
  return `<span class="small-icon" style="--fill:${fill};background:${fill}"><svg viewBox="0 0 24 24" fill="#fff">${glyph(icon)}</svg></span>`;
}

/** Returns ` data-state="…"` for a symbol that carries a state (vessels coloured by state), else ''. */
function stateAttribute(symbol) {
  return typeof symbol?.state === 'string' && /^[a-z]+$/.test(symbol.state) ? ` data-state="${symbol.state}"` : '';
}

function cssName(icon) {
  return GLYPHS[icon] ? icon : 'generic';
}

/** Returns colour if it is a plain CSS colour (hex or rgb/hsl), else fallback: style values go into HTML. */
export function safeColour(colour, fallback) {
  return typeof colour === 'string' && /^(#[0-9a-fA-F]{3,8}|(rgb|hsl)a?\([0-9.,%\s]+\))$/.test(colour) ? colour : fallback;
}
