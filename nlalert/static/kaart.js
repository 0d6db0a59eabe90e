/* The area panel: an SVG map of the bundled boundaries (no tiles, no internet), picking gemeenten
 * or a veiligheidsregio, drawing a polygon or a circle, uploading GeoJSON, and the reach estimate.
 * The downwind sector lives in rookpluim.js and plugs in through window.nlalertKaart.
 * The server turns every pick into the stored area and validates it (berichten.uit_geojson). */
"use strict";
(function () {
  const wortel = document.querySelector(".opstellen");
  const kaartVak = document.getElementById("kaart");
  if (!wortel || !kaartVak || !window.nlalertOpstellen) return;
  const api = window.nlalertOpstellen;
  const { el, t, getal } = window.NLAlertVoorbeeld;
  const { K, S, NL, proj, svgEl, pad, vak } = window.nlalertKaartVorm;
  const terug = (x, y) => [x / (K * S), -y / S];

  let stand = "gemeenten";
  let gekozen = new Set();
  let punten = [];
  let middelpunt = null;
  // Other drawing modes (rookpluim.js), zooming (kaart-zoom.js) and search plug in here.
  const hooks = { klik: {}, getoond: [], kijk: [] };
  let svg, laagGebied, laagTekening;
  const gemeentePaden = new Map();
  const regioVakken = new Map();
  let kiesTimer = null;
  let geladen = null; // the boundaries as fetched, for the plug-ins
  let bereikNummer = 0;

  function zoom(b) {
    const [x0, y1] = proj(b[0], b[1]);
    const [x1, y0] = proj(b[2], b[3]);
    const marge = Math.max(x1 - x0, y1 - y0) * 0.08;
    zetKijk([x0 - marge, y0 - marge, x1 - x0 + 2 * marge, y1 - y0 + 2 * marge]);
  }

  function zetKijk(v) {
    svg.setAttribute("viewBox", v.join(" "));
    for (const h of hooks.kijk) h(v);
  }

  function hint() {
    document.getElementById("kaart-hint").textContent = t("kies_" + stand);
  }

  function fout(tekst) {
    const f = document.getElementById("gebied-fout");
    f.textContent = tekst || "";
    f.hidden = !tekst;
  }

  function teken(grenzen) {
    geladen = grenzen;
    svg = svgEl("svg", { class: "kaart-svg", role: "img", "aria-label": kaartVak.getAttribute("aria-label") });
    const gemeenten = svgEl("g", { class: "gemeenten" });
    for (const f of grenzen.gemeenten.features) {
      const p = svgEl("path", { d: pad(f.geometry), "data-code": f.properties.gemeentecode });
      const titel = svgEl("title");
      titel.textContent = f.properties.gemeentenaam;
      p.append(titel);
      gemeenten.append(p);
      gemeentePaden.set(f.properties.gemeentecode, p);
    }
    const regios = svgEl("g", { class: "regios" });
    const keuze = document.getElementById("regio");
    const gesorteerd = grenzen.regios.features.slice().sort((a, b) => a.properties.vr_naam.localeCompare(b.properties.vr_naam));
    for (const f of gesorteerd) {
      regios.append(svgEl("path", { d: pad(f.geometry) }));
      regioVakken.set(f.properties.vr_code, vak(f.geometry));
      keuze.append(el("option", { value: f.properties.vr_code }, f.properties.vr_naam));
    }
    // Caribbean Netherlands: far from the rest, so the dropdown zooms there (picked as gemeenten).
    const eilanden = grenzen.gemeenten.features.filter((f) => f.properties.vr_naam === "Caribisch Nederland");
    if (eilanden.length) {
      const vakken = eilanden.map((f) => vak(f.geometry));
      regioVakken.set("CN", [0, 1, 2, 3].map((i) => (i < 2 ? Math.min : Math.max)(...vakken.map((v) => v[i]))));
    }
    laagGebied = svgEl("g", { class: "gebied" });
    laagTekening = svgEl("g", { class: "tekening" });
    svg.append(gemeenten, regios, laagGebied, laagTekening);
    kaartVak.replaceChildren(svg);
    zoom(NL);
    svg.addEventListener("click", klik);
    svg.addEventListener("dblclick", dubbelklik);
  }

  function punt(e) {
    const p = svg.createSVGPoint();
    p.x = e.clientX;
    p.y = e.clientY;
    const q = p.matrixTransform(svg.getScreenCTM().inverse());
    return terug(q.x, q.y).map((v) => Math.round(v * 1e5) / 1e5);
  }

  function klik(e) {
    fout("");
    if (stand === "gemeenten") {
      const code = e.target.getAttribute && e.target.getAttribute("data-code");
      if (!code) return;
      if (gekozen.has(code)) gekozen.delete(code); else gekozen.add(code);
      kleurGemeenten();
      clearTimeout(kiesTimer);
      // Several quick clicks become one request.
      kiesTimer = setTimeout(() => {
        if (gekozen.size) vraag({ gemeenten: Array.from(gekozen) });
        else zet(null);
      }, 500);
    } else if (stand === "polygoon") {
      punten.push(punt(e));
      tekenPunten();
    } else if (hooks.klik[stand]) {
      hooks.klik[stand](punt(e));
    } else {
      middelpunt = punt(e);
      vraagCirkel();
    }
  }

  function dubbelklik(e) {
    if (stand !== "polygoon") return;
    e.preventDefault();
    // The two clicks of a double-click each added the same point; keep one.
    while (punten.length > 1) {
      const [a, b] = punten.slice(-2);
      if (Math.abs(a[0] - b[0]) < 1e-3 && Math.abs(a[1] - b[1]) < 1e-3) punten.pop(); else break;
    }
    if (punten.length < 3) return;
    vraag({ polygoon: punten.concat([punten[0]]) });
    punten = [];
    laagTekening.replaceChildren();
  }

  function tekenPunten() {
    laagTekening.replaceChildren();
    const d = punten.map(([lon, lat], i) => (i ? "L" : "M") + proj(lon, lat).join(" ")).join("");
    laagTekening.append(svgEl("path", { d: d, class: "lijn" }));
    for (const [lon, lat] of punten) {
      const [x, y] = proj(lon, lat);
      laagTekening.append(svgEl("circle", { cx: x, cy: y, r: 0.5, class: "hoekpunt" }));
    }
  }

  function vraagCirkel() {
    if (!middelpunt) return;
    const km = parseFloat(document.getElementById("straal").value);
    vraag({ cirkel: { lon: middelpunt[0], lat: middelpunt[1], radius_km: km } });
  }

  let gebiedNummer = 0;

  async function vraag(keuze) {
    // Only the newest pick counts: a slower answer to an earlier one must not overwrite it.
    const nummer = ++gebiedNummer;
    try {
      const r = await api.postJson(wortel.dataset.gebiedUrl, keuze);
      if (nummer !== gebiedNummer) return;
      if (!r.ok) return fout(r.body.detail || String(r.status));
      fout("");
      zet(r.body.gebied);
    } catch (e) {
      fout(t("netwerkfout"));
    }
  }

  function voegGemeenteToe(code) {
    if (!gemeentePaden.has(code)) return;
    if (stand !== "gemeenten") kiesStand("gemeenten");
    fout("");
    gekozen.add(code);
    kleurGemeenten();
    vraag({ gemeenten: Array.from(gekozen) });
  }

  function kleurGemeenten() {
    for (const [code, p] of gemeentePaden) p.classList.toggle("gekozen", gekozen.has(code));
  }

  function toonGebied(feature) {
    if (!laagGebied) return;
    laagGebied.replaceChildren();
    const props = (feature && feature.properties) || {};
    gekozen = new Set(props.bron === "gemeenten" ? props.codes || [] : []);
    kleurGemeenten();
    document.getElementById("gebied-beschrijving").textContent = feature ? props.beschrijving || "" : t("nog_geen");
    if (!feature) return;
    if (props.cirkel) {
      const c = props.cirkel;
      const [x, y] = proj(c.lon, c.lat);
      const ry = (c.radius_km / 111.32) * S;
      const rx = ry * K / Math.cos((c.lat * Math.PI) / 180);
      laagGebied.append(svgEl("ellipse", { cx: x, cy: y, rx: rx, ry: ry }));
      middelpunt = [c.lon, c.lat];
    } else {
      laagGebied.append(svgEl("path", { d: pad(feature.geometry), "data-soort": props.bron || "" }));
    }
    for (const h of hooks.getoond) h(feature);
  }

  function kiesStand(nieuw) {
    stand = nieuw;
    for (const k of document.querySelectorAll(".kaart-knoppen button")) {
      k.setAttribute("aria-pressed", String(k.dataset.stand === stand));
    }
    document.getElementById("cirkel-opties").hidden = stand !== "cirkel";
    for (const e of document.querySelectorAll("[data-voor-stand]")) e.hidden = e.dataset.voorStand !== stand;
    punten = [];
    if (laagTekening) laagTekening.replaceChildren();
    hint();
  }

  function zet(feature) {
    toonGebied(feature);
    api.zetGebied(feature);
    schatBereik(feature);
  }

  async function schatBereik(feature) {
    const nummer = ++bereikNummer;
    const vakB = document.getElementById("bereik");
    const f = document.getElementById("bereik-fout");
    f.hidden = true;
    if (!feature) { vakB.replaceChildren(); return; }
    vakB.replaceChildren(el("p", { class: "hint" }, t("bereik_laden")));
    let r;
    try {
      r = await api.postJson(wortel.dataset.bereikUrl, { gebied: feature });
    } catch (e) {
      r = { ok: false, body: { detail: t("netwerkfout") } };
    }
    if (nummer !== bereikNummer) return;
    if (!r.ok) {
      vakB.replaceChildren();
      f.textContent = r.body.detail || String(r.status);
      f.hidden = false;
      return;
    }
    vakB.replaceChildren(bereikTabel(r.body));
    try {
      const png = await api.postJson(wortel.dataset.bereikUrl + "?format=png", { gebied: feature });
      if (nummer === bereikNummer && png.ok && png.body.kaart && png.body.kaart.startsWith("data:image/png;")) {
        vakB.append(el("img", { class: "bereikkaart", src: png.body.kaart, alt: t("kaart_bereik_alt") }));
      }
    } catch (e) { /* the numbers are shown; the picture is a bonus */ }
  }

  function bereikTabel(b) {
    const procent = (n) => (b.inwoners ? " (" + Math.round((100 * n) / b.inwoners) + "%)" : "");
    const gemist = Object.values(b.gemist || {}).reduce((a, n) => a + n, 0);
    const dl = el("dl", { class: "bereik-getallen" },
      el("dt", {}, t("inwoners")), el("dd", {}, getal(b.inwoners || 0)),
      el("dt", {}, t("bereikt")), el("dd", {}, getal(b.bereikt || 0) + procent(b.bereikt || 0)),
      el("dt", {}, t("overshoot")), el("dd", {}, getal(b.overshoot || 0)),
      el("dt", {}, t("gemist")), el("dd", {}, getal(gemist) + procent(gemist)));
    const redenen = el("ul", { class: "redenen" });
    for (const [reden, n] of Object.entries(b.gemist || {})) {
      redenen.append(el("li", {}, t("reden_" + reden) + ": " + getal(n)));
    }
    const tabel = el("table", { class: "lijst" },
      el("caption", {}, t("per_gemeente")),
      el("thead", {}, el("tr", {}, ...[t("gemeente"), t("inwoners"), t("bereikt"), t("gemist"), t("overshoot")].map((k) => el("th", { scope: "col" }, k)))));
    const body = el("tbody");
    for (const g of b.per_gemeente || []) {
      body.append(el("tr", {}, el("td", {}, g.gemeentenaam), el("td", {}, getal(Math.round(g.inwoners_in_gebied))),
        el("td", {}, getal(Math.round(g.bereikt))), el("td", {}, getal(Math.round(g.gemist || 0))),
        el("td", {}, getal(Math.round(g.overshoot)))));
    }
    tabel.append(body);
    const extra = window.NLAlertBereik ? window.NLAlertBereik.extra(b) : null;
    return el("div", {}, dl, redenen, tabel, extra, el("p", { class: "hint" }, t("model") + " " + (b.bronvermelding || "")));
  }

  // ---- controls ------------------------------------------------------------------------------
  for (const knop of document.querySelectorAll(".kaart-knoppen button")) {
    knop.addEventListener("click", () => kiesStand(knop.dataset.stand));
  }
  document.getElementById("straal").addEventListener("change", vraagCirkel);
  const regioKeuze = document.getElementById("regio");
  regioKeuze.addEventListener("change", () => {
    const b = regioVakken.get(regioKeuze.value);
    zoom(b || NL);
    document.getElementById("kies-regio").disabled = !b || regioKeuze.value === "CN";
  });
  document.getElementById("kies-regio").addEventListener("click", () => {
    if (regioKeuze.value) vraag({ regio: regioKeuze.value });
  });
  document.getElementById("gebied-wissen").addEventListener("click", () => {
    punten = [];
    middelpunt = null;
    if (laagTekening) laagTekening.replaceChildren();
    fout("");
    document.dispatchEvent(new CustomEvent("nlalert:gebied-gewist"));
    zet(null);
  });
  document.getElementById("geojson").addEventListener("change", (e) => {
    const bestand = e.target.files[0];
    if (!bestand) return;
    const lezer = new FileReader();
    lezer.onload = () => {
      let data;
      try { data = JSON.parse(String(lezer.result)); } catch (x) { return fout(t("geen_json")); }
      vraag({ geojson: data, naam: bestand.name.replace(/\.(geo)?json$/i, "") });
    };
    lezer.readAsText(bestand);
    e.target.value = "";
  });
  document.addEventListener("nlalert:gebied-hersteld", (e) => {
    toonGebied(e.detail);
    schatBereik(e.detail);
  });

  // What rookpluim.js (and any later drawing mode) uses of the map.
  window.nlalertKaart = {
    stand: () => stand,
    kiesStand: kiesStand,
    zoom: (b) => svg && zoom(b),
    vraag: vraag,
    tekening(...kinderen) {
      if (laagTekening) laagTekening.replaceChildren(...kinderen);
    },
    pad: pad,
    proj: proj,
    svgEl: svgEl,
    opKlik(naam, f) { hooks.klik[naam] = f; },
    opGetoond(f) { hooks.getoond.push(f); },
    // For kaart-zoom.js and the place search.
    svg: () => svg,
    grenzen: () => geladen,
    gebiedLaag: () => laagGebied,
    NL: NL,
    vak: vak,
    kijk: () => (svg ? svg.getAttribute("viewBox").split(" ").map(Number) : null),
    zetKijk: (v) => svg && zetKijk(v),
    opKijk(f) { hooks.kijk.push(f); },
    voegGemeenteToe: voegGemeenteToe,
  };

  hint();
  fetch(wortel.dataset.grenzenUrl, { credentials: "same-origin" })
    .then((r) => r.json())
    .then((grenzen) => {
      teken(grenzen);
      const begin = api.gebied();
      toonGebied(begin);
      document.dispatchEvent(new CustomEvent("nlalert:kaart-klaar", { detail: begin }));
      if (begin && begin.geometry && begin.geometry.type !== "Point") zoom(vak(begin.geometry));
      else if (begin && begin.properties && begin.properties.cirkel) {
        const c = begin.properties.cirkel;
        const d = c.radius_km / 50;
        zoom([c.lon - 3 * d, c.lat - 2 * d, c.lon + 3 * d, c.lat + 2 * d]);
      }
      if (begin) schatBereik(begin);
    })
    .catch(() => fout(t("netwerkfout")));
})();
