/* The area map, read-only, on the approver's pages: the gemeenten and regio's, the stored area's
 * outline and its name. Zooming and panning come from kaart-zoom.js, which uses the same
 * window.nlalertKaart as on the compose screen; picking and drawing are left out. */
"use strict";
(function () {
  const vak = document.querySelector(".kaart-lezen");
  const kaartVak = document.getElementById("kaart");
  if (!vak || !kaartVak) return;
  const { K, S, NL, proj, svgEl, pad, vak: omvang } = window.nlalertKaartVorm;
  const gebied = JSON.parse(document.getElementById("kaart-gebied").textContent);
  const hooks = { getoond: [], kijk: [] };
  let svg = null, laagGebied = null, geladen = null;

  function zetKijk(v) {
    svg.setAttribute("viewBox", v.join(" "));
    for (const h of hooks.kijk) h(v);
  }

  function zoom(b) {
    const [x0, y1] = proj(b[0], b[1]);
    const [x1, y0] = proj(b[2], b[3]);
    const marge = Math.max(x1 - x0, y1 - y0) * 0.15;
    zetKijk([x0 - marge, y0 - marge, x1 - x0 + 2 * marge, y1 - y0 + 2 * marge]);
  }

  function gebiedVak() {
    const props = gebied.properties || {};
    if (props.cirkel) {
      const c = props.cirkel;
      const d = c.radius_km / 111.32;
      return [c.lon - d / K, c.lat - d, c.lon + d / K, c.lat + d];
    }
    return omvang(gebied.geometry);
  }

  function teken(grenzen) {
    geladen = grenzen;
    svg = svgEl("svg", { class: "kaart-svg", role: "img", "aria-label": kaartVak.getAttribute("aria-label") });
    const gemeenten = svgEl("g", { class: "gemeenten" });
    for (const f of grenzen.gemeenten.features) {
      gemeenten.append(svgEl("path", { d: pad(f.geometry), "data-code": f.properties.gemeentecode }));
    }
    const regios = svgEl("g", { class: "regios" });
    for (const f of grenzen.regios.features) regios.append(svgEl("path", { d: pad(f.geometry) }));
    laagGebied = svgEl("g", { class: "gebied" });
    svg.append(gemeenten, regios, laagGebied);
    kaartVak.replaceChildren(svg);
    const props = gebied.properties || {};
    if (props.cirkel) {
      const c = props.cirkel;
      const [x, y] = proj(c.lon, c.lat);
      const ry = (c.radius_km / 111.32) * S;
      laagGebied.append(svgEl("ellipse", { cx: x, cy: y, rx: (ry * K) / Math.cos((c.lat * Math.PI) / 180), ry: ry }));
    } else {
      laagGebied.append(svgEl("path", { d: pad(gebied.geometry), "data-soort": props.bron || "" }));
    }
    document.getElementById("kaart-bron").textContent = grenzen.bron || "";
    zoom(NL);
    document.dispatchEvent(new CustomEvent("nlalert:kaart-klaar", { detail: gebied }));
    for (const h of hooks.getoond) h(gebied);
    zoom(gebiedVak());
  }

  window.nlalertKaart = {
    zoom: (b) => svg && zoom(b),
    pad: pad,
    proj: proj,
    svgEl: svgEl,
    svg: () => svg,
    grenzen: () => geladen,
    gebiedLaag: () => laagGebied,
    NL: NL,
    vak: omvang,
    kijk: () => (svg ? svg.getAttribute("viewBox").split(" ").map(Number) : null),
    zetKijk: (v) => svg && zetKijk(v),
    opKijk(f) { hooks.kijk.push(f); },
    opGetoond(f) { hooks.getoond.push(f); },
  };

  fetch(vak.dataset.grenzenUrl, { credentials: "same-origin" })
    .then((r) => r.json())
    .then(teken)
    .catch(() => { document.getElementById("kaart-fout").hidden = false; });
})();
