/* Moving around the area map: zoom with the mouse wheel, pan by dragging, keys (+ - arrows, Home)
 * with focus on the map, and labelled buttons. Gemeente names appear once a gemeente is large
 * enough on screen to carry its name; the chosen area carries its own. Plugs into kaart.js
 * through window.nlalertKaart; the map is SVG, so nothing is fetched from the internet. */
"use strict";
(function () {
  const kaart = window.nlalertKaart;
  const kaartVak = document.getElementById("kaart");
  if (!kaart || !kaartVak) return;
  const TEKST_PX = 12; // label size on screen, whatever the zoom
  const MIN_BREEDTE_PX = 48; // a gemeente narrower than this on screen gets no label
  const STAP = 1.5; // zoom factor per step
  const SCHUIF = 0.2; // pan step: a fifth of the view
  const SLEEP_PX = 4; // a press that moves less than this is a click
  const MIN_BREEDTE = 2; // SVG units (about 3 km): the closest zoom
  const MAX_BREEDTE = 600; // the farthest: the European Netherlands with room around it
  let labels = null;
  const labelMaten = []; // [text element, width of its gemeente in SVG units]
  let gesleept = false;

  function middelpunt(geometrie) {
    // The centroid of the largest ring: inside for all but odd shapes, and cheap.
    const veelhoeken = geometrie.type === "Polygon" ? [geometrie.coordinates] : geometrie.coordinates;
    let beste = null;
    let besteOpp = -1;
    for (const v of veelhoeken) {
      const ring = v[0].map(([lon, lat]) => kaart.proj(lon, lat));
      let a = 0, cx = 0, cy = 0;
      for (let i = 0; i < ring.length - 1; i++) {
        const [x0, y0] = ring[i];
        const [x1, y1] = ring[i + 1];
        const k = x0 * y1 - x1 * y0;
        a += k; cx += (x0 + x1) * k; cy += (y0 + y1) * k;
      }
      if (Math.abs(a) > besteOpp && a !== 0) {
        besteOpp = Math.abs(a);
        beste = [cx / (3 * a), cy / (3 * a)];
      }
    }
    return beste;
  }

  function schaal() {
    // Screen pixels per SVG unit (the viewBox is fitted, "meet", into the element).
    const v = kaart.kijk();
    const r = kaart.svg().getBoundingClientRect();
    return v && r.width ? Math.min(r.width / v[2], r.height / v[3]) : 1;
  }

  function tekstMaat(e, s) {
    e.setAttribute("font-size", (TEKST_PX / s).toFixed(3));
    e.setAttribute("stroke-width", (3 / s).toFixed(3));
  }

  function werkLabelsBij() {
    if (!labels) return;
    const s = schaal();
    tekstMaat(labels, s);
    for (const [tekst, breedte] of labelMaten) {
      tekst.setAttribute("visibility", breedte * s >= MIN_BREEDTE_PX ? "visible" : "hidden");
    }
    for (const e of kaart.svg().querySelectorAll(".gebied-naam, .gevonden-naam")) tekstMaat(e, s);
  }

  function maakLabels(grenzen) {
    labels = kaart.svgEl("g", { class: "labels", "aria-hidden": "true" });
    for (const f of grenzen.gemeenten.features) {
      const p = middelpunt(f.geometry);
      if (!p) continue;
      const b = kaart.vak(f.geometry);
      const t = kaart.svgEl("text", { x: p[0], y: p[1], "data-code": f.properties.gemeentecode });
      t.textContent = f.properties.gemeentenaam;
      labels.append(t);
      labelMaten.push([t, (b[2] - b[0]) * Math.cos((52.2 * Math.PI) / 180) * 100]);
    }
    const svg = kaart.svg();
    // Above the boundaries, below the chosen area and what is being drawn.
    svg.insertBefore(labels, kaart.gebiedLaag());
    werkLabelsBij();
  }

  /** A name label at a point of the map (lon, lat), in a layer, sized like the others. */
  function naamLabel(laag, klasse, lon, lat, naam) {
    const [x, y] = kaart.proj(lon, lat);
    const t = kaart.svgEl("text", { x: x, y: y, class: klasse });
    t.textContent = naam.length > 60 ? naam.slice(0, 59) + "…" : naam;
    laag.append(t);
    tekstMaat(t, schaal());
    return t;
  }

  function begrens(v) {
    let [x, y, w, h] = v;
    const f = Math.min(Math.max(w, MIN_BREEDTE), MAX_BREEDTE) / w;
    const cx = x + w / 2, cy = y + h / 2;
    w *= f; h *= f;
    x = cx - w / 2; y = cy - h / 2;
    return [x, y, w, h];
  }

  function zoomRond(factor, punt) {
    const v = kaart.kijk();
    if (!v) return;
    const [px, py] = punt || [v[0] + v[2] / 2, v[1] + v[3] / 2];
    let nieuw = [px - (px - v[0]) / factor, py - (py - v[1]) / factor, v[2] / factor, v[3] / factor];
    const begrensd = begrens(nieuw);
    if (begrensd[2] !== nieuw[2]) {
      // At the limit: keep the point under the mouse where it is as far as possible.
      const f = v[2] / begrensd[2];
      nieuw = [px - (px - v[0]) / f, py - (py - v[1]) / f, begrensd[2], begrensd[3]];
    }
    kaart.zetKijk(nieuw);
  }

  function schuif(dx, dy) {
    const v = kaart.kijk();
    if (v) kaart.zetKijk([v[0] + dx * v[2] * SCHUIF, v[1] + dy * v[3] * SCHUIF, v[2], v[3]]);
  }

  function svgPunt(e) {
    const svg = kaart.svg();
    const p = svg.createSVGPoint();
    p.x = e.clientX;
    p.y = e.clientY;
    const q = p.matrixTransform(svg.getScreenCTM().inverse());
    return [q.x, q.y];
  }

  function koppel() {
    const svg = kaart.svg();
    svg.addEventListener("wheel", (e) => {
      e.preventDefault();
      zoomRond(e.deltaY < 0 ? 1.25 : 1 / 1.25, svgPunt(e));
    }, { passive: false });
    svg.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      const start = [e.clientX, e.clientY];
      const begin = kaart.kijk();
      const s = schaal();
      gesleept = false;
      const beweeg = (m) => {
        const dx = m.clientX - start[0], dy = m.clientY - start[1];
        if (!gesleept && Math.hypot(dx, dy) < SLEEP_PX) return;
        gesleept = true;
        kaartVak.classList.add("slepen");
        kaart.zetKijk([begin[0] - dx / s, begin[1] - dy / s, begin[2], begin[3]]);
      };
      const los = () => {
        window.removeEventListener("pointermove", beweeg);
        window.removeEventListener("pointerup", los);
        kaartVak.classList.remove("slepen");
      };
      window.addEventListener("pointermove", beweeg);
      window.addEventListener("pointerup", los);
    });
  }

  // A drag ends in a click on the map; that click must not pick a gemeente or add a point.
  kaartVak.addEventListener("click", (e) => {
    if (gesleept) { e.stopPropagation(); gesleept = false; }
  }, true);

  kaartVak.tabIndex = 0;
  kaartVak.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || !kaart.svg()) return;
    const acties = {
      "+": () => zoomRond(STAP), "=": () => zoomRond(STAP), "-": () => zoomRond(1 / STAP),
      ArrowLeft: () => schuif(-1, 0), ArrowRight: () => schuif(1, 0),
      ArrowUp: () => schuif(0, -1), ArrowDown: () => schuif(0, 1),
      Home: () => kaart.zoom(kaart.NL),
    };
    const actie = acties[e.key];
    if (!actie) return;
    e.preventDefault();
    actie();
  });

  for (const knop of document.querySelectorAll(".kaart-zoom button")) {
    knop.addEventListener("click", () => {
      if (!kaart.svg()) return;
      const z = knop.dataset.zoom;
      if (z === "in") zoomRond(STAP);
      else if (z === "uit") zoomRond(1 / STAP);
      else if (z === "nl") kaart.zoom(kaart.NL);
      else if (knop.dataset.schuif) schuif(...knop.dataset.schuif.split(",").map(Number));
    });
  }

  kaart.opKijk(werkLabelsBij);
  window.addEventListener("resize", werkLabelsBij);
  kaart.opGetoond((feature) => {
    // The chosen area's name, under its outline: the middle is for the gemeente names.
    const props = feature.properties || {};
    let lon, lat;
    if (props.cirkel) {
      lon = props.cirkel.lon;
      lat = props.cirkel.lat - props.cirkel.radius_km / 111.32;
    } else {
      const b = kaart.vak(feature.geometry);
      lon = (b[0] + b[2]) / 2;
      lat = b[1];
    }
    if (props.beschrijving) naamLabel(kaart.gebiedLaag(), "gebied-naam", lon, lat, props.beschrijving);
  });
  document.addEventListener("nlalert:kaart-klaar", () => {
    maakLabels(kaart.grenzen());
    koppel();
  });

  window.nlalertKaartZoom = { naamLabel: naamLabel, werkLabelsBij: werkLabelsBij };
})();
