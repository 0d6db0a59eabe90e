/* Finding a place by name in the area panel: type part of a gemeente's name (accents and case do
 * not matter; "Den Haag" finds 's-Gravenhage), pick a result to zoom the map to it, or add it to
 * the area. The server matches (GET /kaart/zoek, nlalert.opstellen.zoeken); this only shows. */
"use strict";
(function () {
  const kaart = window.nlalertKaart;
  const vak = document.querySelector(".plaats-zoeken");
  if (!kaart || !vak) return;
  const invoer = document.getElementById("plaats-zoek");
  const lijst = document.getElementById("plaats-resultaten");
  const melding = document.getElementById("plaats-melding");
  const { el, getal } = window.NLAlertVoorbeeld;
  const WACHT_MS = 200;
  let timer = null;
  let nummer = 0;
  let plaatsen = [];

  function meld(tekst) {
    melding.textContent = tekst || "";
    melding.hidden = !tekst;
  }

  function toon(plaats) {
    // Zoom to the place, mark it and put its name on the map.
    const [lon0, lat0, lon1, lat1] = plaats.vak;
    const rand = Math.max(lon1 - lon0, lat1 - lat0) * 0.25;
    kaart.zoom([lon0 - rand, lat0 - rand, lon1 + rand, lat1 + rand]);
    const svg = kaart.svg();
    for (const p of svg.querySelectorAll(".gemeenten path.gevonden")) p.classList.remove("gevonden");
    const pad = svg.querySelector(`.gemeenten path[data-code="${plaats.code}"]`);
    if (pad) pad.classList.add("gevonden");
    let laag = svg.querySelector("g.gevonden");
    if (!laag) {
      laag = kaart.svgEl("g", { class: "gevonden" });
      svg.append(laag);
    }
    laag.replaceChildren();
    // The found name replaces the gemeente's own label, in the same place.
    for (const t of svg.querySelectorAll(".labels text.verborgen")) t.classList.remove("verborgen");
    const eigen = svg.querySelector(`.labels text[data-code="${plaats.code}"]`);
    const naam = window.nlalertKaartZoom.naamLabel(laag, "gevonden-naam", (lon0 + lon1) / 2, (lat0 + lat1) / 2, plaats.naam);
    if (eigen) {
      eigen.classList.add("verborgen");
      naam.setAttribute("x", eigen.getAttribute("x"));
      naam.setAttribute("y", eigen.getAttribute("y"));
    }
    meld(vak.dataset.tekstGetoond.replace("%(naam)s", plaats.naam));
  }

  function regel(plaats) {
    const uitleg = [plaats.regio];
    if (plaats.via) uitleg.unshift(vak.dataset.tekstVia.replace("%(naam)s", plaats.via));
    if (plaats.inwoners) uitleg.push(getal(plaats.inwoners) + " " + vak.dataset.tekstInwoners);
    const kies = el("button", { type: "button", class: "plaats-kies" }, plaats.naam);
    kies.addEventListener("click", () => toon(plaats));
    const voegToe = el("button", { type: "button", class: "plaats-toevoegen",
      "aria-label": vak.dataset.tekstToevoegenNaam.replace("%(naam)s", plaats.naam) },
    vak.dataset.tekstToevoegen);
    voegToe.addEventListener("click", () => {
      toon(plaats);
      kaart.voegGemeenteToe(plaats.code);
    });
    return el("li", {}, kies, " ", el("span", { class: "hint" }, uitleg.join(" · ")), " ", voegToe);
  }

  function suggestie(naam) {
    const knop = el("button", { type: "button", class: "plaats-suggestie" }, naam);
    knop.addEventListener("click", () => {
      invoer.value = naam;
      zoek();
    });
    return el("li", {}, knop);
  }

  async function zoek() {
    const q = invoer.value.trim();
    const mijn = ++nummer;
    if (!q) {
      plaatsen = [];
      lijst.replaceChildren();
      meld("");
      return;
    }
    let r, body = {};
    try {
      r = await fetch(vak.dataset.zoekUrl + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin", headers: { Accept: "application/json" },
      });
      try { body = await r.json(); } catch (e) { body = {}; }
    } catch (e) {
      r = { ok: false };
      body = { detail: vak.dataset.tekstNetwerk };
    }
    if (mijn !== nummer) return; // a newer query is on its way
    if (!r.ok) {
      plaatsen = [];
      lijst.replaceChildren();
      return meld(body.detail || String(r.status));
    }
    plaatsen = body.plaatsen || [];
    if (plaatsen.length) {
      lijst.replaceChildren(...plaatsen.map(regel));
      meld("");
    } else {
      const s = body.suggesties || [];
      lijst.replaceChildren(...s.map(suggestie));
      meld(body.melding + (s.length ? " " + vak.dataset.tekstBedoelt : ""));
    }
  }

  invoer.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(zoek, WACHT_MS);
  });
  invoer.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault(); // the panel is not a form to submit
    if (plaatsen.length && kaart.svg()) toon(plaatsen[0]);
  });
})();
