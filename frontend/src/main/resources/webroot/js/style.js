// Layer styles as the server sends them: {icon, symbol, property, rules: [{value, title, symbol}]}.
// A feature whose properties[property] equals a rule's value is drawn with the rule's symbol, any other
// feature with the base symbol.

const DEFAULT_SYMBOL = { fill: '#757575', fillOpacity: 0.85, stroke: '#ffffff', strokeWidth: 1.5, radius: 7 };

/** Returns the rule of style that matches value (compared as text), or null. */
export function ruleFor(style, value) {
  if (!style?.property || value == null || !Array.isArray(style.rules)) {
    return null;
  }
  const text = String(value);
  return style.rules.find((rule) => String(rule.value) === text) || null;
}

/** Returns the symbol to draw a feature with these properties. */
export function symbolFor(style, properties) {
  const rule = style?.property ? ruleFor(style, properties?.[style.property]) : null;
  return { ...DEFAULT_SYMBOL, ...(style?.symbol || {}), ...(rule?.symbol || {}) };
}

/** Returns Leaflet path options (polygons and lines) for a symbol. */
export function pathOptions(symbol, geometryType) {
  const isLine = /LineString/.test(geometryType || '');
  return {
    color: isLine ? symbol.fill : symbol.stroke,
    weight: isLine ? Math.max(2, symbol.strokeWidth + 1) : symbol.strokeWidth,
    opacity: 1,
    fillColor: symbol.fill,
    fillOpacity: symbol.fillOpacity ?? 0.6,
  };
}
