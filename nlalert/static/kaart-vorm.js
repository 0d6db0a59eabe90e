/* What both maps share (the compose screen's kaart.js and the approver's kaart-lezen.js): the
 * projection, SVG elements, a GeoJSON geometry as an SVG path, and a geometry's bounding box. */
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  // Equirectangular, x scaled by cos(latitude) of the middle of the Netherlands: round enough.
  const K = Math.cos((52.2 * Math.PI) / 180);
  const S = 100; // SVG units per degree of latitude
  const NL = [3.3, 50.7, 7.3, 53.6];
  const proj = (lon, lat) => [lon * K * S, -lat * S];

  function svgEl(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }

  function pad(geometrie) {
    const veelhoeken = geometrie.type === "Polygon" ? [geometrie.coordinates]
      : geometrie.type === "MultiPolygon" ? geometrie.coordinates : [];
    let d = "";
    for (const veelhoek of veelhoeken) {
      for (const ring of veelhoek) {
        ring.forEach(([lon, lat], i) => {
          const [x, y] = proj(lon, lat);
          d += (i ? "L" : "M") + x.toFixed(2) + " " + y.toFixed(2);
        });
        d += "Z";
      }
    }
    return d;
  }

  function vak(geometrie) {
    let b = [Infinity, Infinity, -Infinity, -Infinity];
    const loop = (c) => {
      if (typeof c[0] === "number") {
        b = [Math.min(b[0], c[0]), Math.min(b[1], c[1]), Math.max(b[2], c[0]), Math.max(b[3], c[1])];
      } else c.forEach(loop);
    };
    loop(geometrie.coordinates);
    return b;
  }

  window.nlalertKaartVorm = { SVG, K, S, NL, proj, svgEl, pad, vak };
})();
