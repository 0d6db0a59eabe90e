/* The downwind sector ("rookpluim") in the area panel: a source (click the map or type lat,lon),
 * the wind direction, a length and an opening. Drawn at once as the fields change; a moment later
 * the server makes, checks (the source must lie in the Netherlands) and stores the polygon, and
 * kaart.js shows it with its reach. Mirrors berichten/sector.py; the server's polygon is the one
 * stored and sent. */
"use strict";
(function () {
  const kaart = window.nlalertKaart;
  const api = window.nlalertOpstellen;
  const paneel = document.querySelector(".gebied-paneel");
  if (!kaart || !api || !paneel || !document.getElementById("sector-opties")) return;
  const { t } = window.NLAlertVoorbeeld;
  const STAND = "sector";
  const WACHT_MS = 400;
  const WINDSTREKEN = [
    ["N", "NNO", "NO", "ONO", "O", "OZO", "ZO", "ZZO", "Z", "ZZW", "ZW", "WZW", "W", "WNW", "NW", "NNW"],
    ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"],
  ];
  const veld = (naam) => document.getElementById("sector-" + naam);
  let timer = null;

  function windGraden(tekst) {
    const s = String(tekst).trim().toUpperCase();
    for (const lijst of WINDSTREKEN) if (lijst.includes(s)) return lijst.indexOf(s) * 22.5;
    const g = Number(s.replace(",", "."));
    return s !== "" && Number.isFinite(g) && g >= 0 && g <= 360 ? g % 360 : null;
  }

  function leesBron() {
    const delen = veld("bron").value.trim().split(/\s*[,;]\s*|\s+/);
    if (delen.length !== 2 || delen.some((d) => d === "")) return null;
    const [lat, lon] = delen.map(Number);
    return Number.isFinite(lat) && Number.isFinite(lon) ? [lon, lat] : null;
  }

  function getalOfNull(naam) {
    const w = veld(naam).value.trim();
    const g = Number(w.replace(",", "."));
    return w === "" || !Number.isFinite(g) ? null : g;
  }

  /** The sector request from the fields, or null while they cannot make one. */
  function waarde() {
    const punt = leesBron();
    const km = getalOfNull("lengte");
    const wind = veld("wind").value.trim();
    if (!punt || km === null || wind === "") return null;
    const graden = Number(wind.replace(",", "."));
    const w = { lat: punt[1], lon: punt[0], wind_uit: Number.isFinite(graden) ? graden : wind, lengte_km: km };
    const hoek = getalOfNull("hoek");
    const snelheid = getalOfNull("windsnelheid");
    if (hoek !== null) w.hoek = hoek;
    if (snelheid !== null) w.windsnelheid_ms = snelheid;
    return w;
  }

  function ring(w) {
    const graden = windGraden(w.wind_uit);
    const licht = w.windsnelheid_ms !== undefined && w.windsnelheid_ms < 3.4;
    const hoek = w.hoek !== undefined ? w.hoek : licht ? 90 : 60;
    if (graden === null || !(w.lengte_km > 0 && w.lengte_km <= 50) || !(hoek >= 1 && hoek <= 180)) return null;
    const naar = (graden + 180) % 360;
    const stappen = Math.max(4, Math.ceil(hoek / 3));
    const cosLat = Math.cos((w.lat * Math.PI) / 180);
    const punten = [[w.lon, w.lat]];
    for (let i = 0; i <= stappen; i++) {
      const b = ((naar - hoek / 2 + (hoek * i) / stappen) * Math.PI) / 180;
      punten.push([w.lon + (w.lengte_km * Math.sin(b)) / (111.32 * cosLat), w.lat + (w.lengte_km * Math.cos(b)) / 111.32]);
    }
    punten.push([w.lon, w.lat]);
    return punten;
  }

  function teken(w) {
    const punten = w && ring(w);
    if (!punten) return kaart.tekening();
    const [x, y] = kaart.proj(w.lon, w.lat);
    kaart.tekening(
      kaart.svgEl("path", { d: kaart.pad({ type: "Polygon", coordinates: [punten] }), class: "lijn sector-voorbeeld" }),
      kaart.svgEl("circle", { cx: x, cy: y, r: 0.5, class: "hoekpunt" }));
  }

  function fout(tekst) {
    const f = veld("fout");
    f.textContent = tekst || "";
    f.hidden = !tekst;
    if (tekst) veld("bron").setAttribute("aria-invalid", "true");
    else veld("bron").removeAttribute("aria-invalid");
  }

  /** A field changed: draw at once, ask the server (which checks and stores) a moment later. */
  function gewijzigd(zoomNaar) {
    const w = waarde();
    fout(veld("bron").value.trim() && !leesBron() ? t("sector_bron_fout") : "");
    teken(w);
    clearTimeout(timer);
    if (!w) return;
    if (zoomNaar) {
      const d = Math.max(w.lengte_km, 2) / 111.32;
      kaart.zoom([w.lon - 2 * d, w.lat - 1.3 * d, w.lon + 2 * d, w.lat + 1.3 * d]);
    }
    timer = setTimeout(() => kaart.vraag({ sector: w }), WACHT_MS);
  }

  function vul(feature) {
    // A stored sector (a saved concept, a restored draft) fills the fields, so it can be edited.
    const p = feature && feature.properties && feature.properties.bron === STAND && feature.properties.sector;
    if (!p) return;
    veld("bron").value = p.lat + "," + p.lon;
    veld("wind").value = String(p.wind_uit);
    veld("lengte").value = String(p.lengte_km);
    veld("hoek").value = String(p.hoek);
    veld("windsnelheid").value = p.windsnelheid_ms === undefined ? "" : String(p.windsnelheid_ms);
    kaart.kiesStand(STAND);
  }

  function raadAan() {
    // For smoke, hazardous substances and explosions the plume downwind is the usual area.
    const gekozen = document.querySelector("input[name=categorie]:checked");
    const past = !!gekozen && (paneel.dataset.sectorCategorieen || "").split(" ").includes(gekozen.value);
    document.getElementById("stand-sector").classList.toggle("aanbevolen", past);
    document.getElementById("sector-aanbevolen").hidden = !past;
    if (past && !api.gebied() && kaart.stand() !== STAND) kaart.kiesStand(STAND);
  }

  kaart.opKlik(STAND, ([lon, lat]) => {
    veld("bron").value = lat + "," + lon;
    gewijzigd(false);
  });
  kaart.opGetoond((feature) => {
    const p = feature && feature.properties;
    if (!p || p.bron !== STAND || !p.sector) return;
    // The opening the server used (the default depends on the wind speed).
    document.getElementById("gebied-beschrijving").textContent += " (" + t("sector_hoek", { hoek: p.sector.hoek }) + ")";
    veld("hoek").placeholder = String(p.sector.hoek);
    if (kaart.stand() === STAND) kaart.tekening();
  });
  for (const naam of ["wind", "lengte", "hoek", "windsnelheid"]) {
    veld(naam).addEventListener("input", () => gewijzigd(false));
  }
  veld("bron").addEventListener("input", () => gewijzigd(true));
  document.addEventListener("change", (e) => {
    if (e.target && e.target.name === "categorie") raadAan();
  });
  document.addEventListener("nlalert:gebied-gewist", () => {
    clearTimeout(timer);
    fout("");
  });
  document.addEventListener("nlalert:gebied-hersteld", (e) => vul(e.detail));
  document.addEventListener("nlalert:kaart-klaar", (e) => vul(e.detail));
  raadAan();
})();
