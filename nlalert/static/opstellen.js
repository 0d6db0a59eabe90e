/* The compose screen: category search, the category's fields, live preview and autosave.
 * Vanilla JS, no inline scripts (CSP). User text only ever goes into the page as text nodes,
 * never through innerHTML. The server checks everything again; these checks only help typing. */
"use strict";
(function () {
  const wortel = document.querySelector(".opstellen");
  if (!wortel) return;
  const lees = (id) => JSON.parse(document.getElementById(id).textContent);
  const staat = lees("opstel-staat");
  const catalogus = lees("opstel-catalogus");
  const talenLijst = lees("opstel-talen");
  const csrf = wortel.dataset.csrf;
  const formulier = document.getElementById("opstel-formulier");
  const BRONTAAL = "nl";
  const BEWAAR_MS = 5000; // to the server every few seconds; to localStorage at once
  const WACHT_MS = 300; // preview debounce

  // Mirrors berichten/velden.py; the server stays the judge.
  const PATRONEN = {
    link: /^(https?:\/\/)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(:\d{1,5})?(\/[^\s<>"']*)?$/i,
    telefoon: /^\+?[0-9][0-9 \-]{1,18}[0-9]$/,
    tijd: /^([01]?[0-9]|2[0-3]):[0-5][0-9]$/,
    wegnummer: /^[ANES] ?[1-9][0-9]{0,2}$/i,
  };

  const { el, t } = window.NLAlertVoorbeeld; // shared helpers: text nodes only

  function zoekvorm(s) {
    return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  async function postJson(url, data) {
    const antwoord = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, Accept: "application/json" },
      body: JSON.stringify(data),
    });
    let body = null;
    try { body = await antwoord.json(); } catch (e) { body = null; }
    return { status: antwoord.status, ok: antwoord.ok, body: body || {} };
  }

  // ---- state -------------------------------------------------------------------------------
  const bericht = { id: staat.id, versie: staat.versie, gewijzigd: staat.gewijzigd_op };
  let velden = Object.assign({}, staat.inhoud.velden || {});
  let gebied = staat.inhoud.gebied || null;
  // Languages whose GSM-7 spelling the communicator accepted for this bericht (the offer).
  let spellingGekozen = new Set(staat.inhoud.gsm7_spelling || []);
  let gekozenVariant = "standaard";
  let laatsteVoorbeeld = null;

  function categorie() {
    const gekozen = formulier.querySelector("input[name=categorie]:checked");
    return gekozen ? catalogus.find((c) => c.id === gekozen.value) || null : null;
  }

  function talen() {
    const codes = [BRONTAAL];
    for (const vak of formulier.querySelectorAll("input[name=talen]:checked")) {
      if (!codes.includes(vak.value)) codes.push(vak.value);
    }
    return codes;
  }

  function modus() {
    const c = categorie();
    if (c && c.vaste_modus) return c.vaste_modus;
    if (staat.training) return "oefening";
    const gekozen = formulier.querySelector("input[name=modus]:checked");
    return gekozen ? gekozen.value : "oefening";
  }

  let toegestaan = new Set(); // the fields of the chosen category and languages (bouwVelden)

  /** The compose request as the server stores it. */
  function inhoud() {
    const c = categorie();
    const ingevuld = {};
    for (const [k, v] of Object.entries(velden)) {
      if (toegestaan.has(k) && String(v).trim() !== "") ingevuld[k] = v;
    }
    const register = formulier.querySelector("input[name=register]:checked");
    const nederlands = formulier.querySelector("input[name=nederlands]:checked");
    const data = {
      categorie: c ? c.id : null,
      velden: ingevuld,
      talen: talen(),
      modus: modus(),
      register: register ? register.value : "je",
      nederlands: nederlands ? nederlands.value : "standaard",
      afzender: document.getElementById("afzender").value.trim(),
      soort: staat.inhoud.soort || "alert",
      gebied: gebied,
      origineel_id: staat.inhoud.origineel_id || null,
    };
    const duur = parseInt(document.getElementById("duur").value, 10);
    if (Number.isInteger(duur) && duur > 0) data.duur_minuten = duur;
    const gespeld = data.talen.filter((code) => spellingGekozen.has(code));
    if (gespeld.length) data.gsm7_spelling = gespeld;
    return data;
  }

  // ---- category search and fields ------------------------------------------------------------
  const zoek = document.getElementById("categorie-zoek");
  zoek.addEventListener("input", () => {
    const q = zoekvorm(zoek.value.trim());
    let zichtbaar = 0;
    for (const keuze of document.querySelectorAll(".categorie-keuze")) {
      const past = !q || zoekvorm(keuze.dataset.zoek).includes(q);
      keuze.hidden = !past;
      if (past) zichtbaar += 1;
    }
    document.getElementById("categorie-geen").hidden = zichtbaar > 0;
  });

  function veldFout(naam, tekst) {
    const fout = document.getElementById("fout-" + naam);
    const invoer = document.getElementById("veld-" + naam);
    if (!fout || !invoer) return;
    fout.textContent = tekst || "";
    fout.hidden = !tekst;
    if (tekst) invoer.setAttribute("aria-invalid", "true");
    else invoer.removeAttribute("aria-invalid");
  }

  function controleer(v, waarde) {
    const w = waarde.trim();
    if (!w) return v.verplicht ? t("veld_verplicht") : "";
    if (w.length > v.max_lengte) return t("te_lang", { max: v.max_lengte });
    if (v.soort === "link" && !PATRONEN.link.test(w)) return t("geen_link");
    if (v.soort === "telefoon" && !PATRONEN.telefoon.test(w)) return t("geen_telefoon");
    if (v.soort === "tijd" && !PATRONEN.tijd.test(w)) return t("geen_tijd");
    if (v.soort === "wegnummer" && !PATRONEN.wegnummer.test(w)) return t("geen_wegnummer");
    if (v.soort === "tekst" && /https?:\/\//i.test(w)) return t("link_in_tekst");
    return "";
  }

  function veldInvoer(v, naam, label) {
    const type = v.soort === "telefoon" ? "tel" : "text";
    const invoer = el("input", {
      id: "veld-" + naam, name: naam, type: type, maxlength: v.max_lengte,
      required: v.verplicht, "aria-describedby": "hint-" + naam + " fout-" + naam,
      inputmode: v.soort === "tijd" ? "numeric" : null, autocomplete: "off",
      placeholder: v.voorbeeld,
    });
    invoer.value = velden[naam] || "";
    // A field with a vocabulary: a list to pick from (translated in every language), and still
    // free text, which the preview flags per language.
    const keuzes = v.keuzes && v.keuzes.length
      ? el("datalist", { id: "lijst-" + naam },
        ...v.keuzes.map((k) => el("option", { value: k.waarde, label: k.label })))
      : null;
    if (keuzes) invoer.setAttribute("list", "lijst-" + naam);
    invoer.addEventListener("input", () => {
      velden[naam] = invoer.value;
      if (invoer.dataset.aangeraakt) veldFout(naam, controleer(v, invoer.value));
      wijziging();
    });
    invoer.addEventListener("blur", () => {
      invoer.dataset.aangeraakt = "1";
      veldFout(naam, controleer(v, invoer.value));
    });
    return el("div", { class: "veld", "data-veld": naam },
      el("label", { for: "veld-" + naam }, label,
        v.verplicht ? el("span", { class: "verplicht" }, " (" + t("verplicht") + ")") : null),
      invoer, keuzes, v.soort === "link" ? publiekeLinkKnop(invoer, naam) : null,
      el("p", { class: "hint", id: "hint-" + naam }, (keuzes ? t("lijst") + ". " : "") + v.uitleg + " " + t("voorbeeld") + ": " + v.voorbeeld),
      el("p", { class: "veldfout", id: "fout-" + naam, hidden: true, "aria-live": "polite" }));
  }

  // ---- the public page of this incident as the link -------------------------------------------
  // Offered once the bericht is stored (its id names the incident); an exercise links to the
  // exercise page. The communicator accepts it with the button; the preview counts it.
  function publiekeLink() {
    const links = staat.publiek;
    return links ? links[modus() === "echt" ? "echt" : "oefening"] : null;
  }

  function publiekeLinkKnop(invoer, naam) {
    const knop = el("button", { type: "button", class: "publieke-link", id: "publieke-link" });
    const uitleg = el("p", { class: "hint", id: "publieke-link-uitleg" });
    const vak = el("div", { class: "publieke-link-vak" }, knop, uitleg);
    knop.addEventListener("click", () => {
      const link = publiekeLink();
      if (!link) return;
      invoer.value = link;
      velden[naam] = link;
      veldFout(naam, "");
      wijziging();
    });
    return vak;
  }

  function toonPubliekeLink() {
    const knop = document.getElementById("publieke-link");
    if (!knop) return;
    const link = publiekeLink();
    knop.parentElement.hidden = !link;
    if (!link) return;
    knop.textContent = t("publieke_link") + ": " + link;
    document.getElementById("publieke-link-uitleg").textContent =
      t("publieke_link_uitleg", { tekens: link.length });
    // Switched between exercise and real: a link to the other kind's page follows the mode.
    const links = staat.publiek;
    const invoer = document.getElementById("veld-link");
    if (invoer && invoer.value !== link && Object.values(links).includes(invoer.value)) {
      invoer.value = link;
      velden.link = link;
    }
  }

  function bouwVelden() {
    const vak = document.getElementById("velden");
    for (const oud of vak.querySelectorAll(".veld")) oud.remove();
    const c = categorie();
    document.getElementById("velden-leeg").hidden = !!c;
    if (!c) { toegestaan = new Set(); return; }
    const namen = new Set();
    for (const v of c.velden) {
      vak.append(veldInvoer(v, v.id, v.label));
      namen.add(v.id);
      if (v.id === "extra") {
        // The extra sentence is not translated automatically: one per chosen language.
        for (const code of talen().slice(1)) {
          const taal = talenLijst.find((x) => x.code === code);
          const naam = "extra_" + code;
          const regel = veldInvoer(Object.assign({}, v, { verplicht: false }), naam,
            t("extra_taal", { taal: taal ? taal.naam_nl : code }));
          regel.querySelector("input").setAttribute("lang", code);
          regel.querySelector("input").setAttribute("dir", taal ? taal.richting : "auto");
          vak.append(regel);
          namen.add(naam);
        }
      }
    }
    // Fields of another category (or an unchecked language) would be refused by the server: they
    // stay out of the request, but their text stays here, so a mis-click loses nothing.
    toegestaan = namen;
    const vast = document.getElementById("modus-vast");
    document.getElementById("duur").placeholder = String(c.duur_minuten || "");
    vast.hidden = !c.vaste_modus;
    vast.textContent = c.vaste_modus ? t("vaste_modus", { modus: c.vaste_modus }) : "";
    for (const r of formulier.querySelectorAll("input[name=modus]")) {
      r.disabled = !!c.vaste_modus || (staat.training && r.value !== "oefening");
    }
    toonPubliekeLink();
    toonToegankelijkheid();
  }

  // ---- accessibility sign-off of the chosen category's texts ---------------------------------
  let toegankelijkheidVan = null;

  async function toonToegankelijkheid() {
    const vak = document.getElementById("toegankelijkheid-status");
    const c = categorie();
    if (!c) { toegankelijkheidVan = null; vak.hidden = true; return; }
    if (c.id === toegankelijkheidVan) return;
    toegankelijkheidVan = c.id;
    const url = wortel.dataset.toegankelijkheidUrl.replace("__categorie__", encodeURIComponent(c.id));
    let body = null;
    try {
      const r = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (r.ok) body = await r.json();
    } catch (e) { body = null; }
    if (toegankelijkheidVan !== c.id) return; // another category was chosen meanwhile
    vak.hidden = !body;
    if (!body) return;
    vak.textContent = body.tekst; // the reviewer's remark is user text: never innerHTML
    vak.className = "melding aftekenstatus-" + body.staat;
  }

  formulier.addEventListener("change", (e) => {
    const naam = e.target.name;
    if (naam === "categorie" || naam === "talen") bouwVelden();
    if (naam === "modus") toonPubliekeLink();
    if (["categorie", "talen", "register", "modus", "nederlands"].includes(naam)) wijziging();
  });
  formulier.addEventListener("submit", (e) => e.preventDefault());
  for (const id of ["afzender", "duur"]) {
    document.getElementById(id).addEventListener("input", () => wijziging());
  }

  function vulFormulier(data) {
    for (const r of formulier.querySelectorAll("input[name=categorie]")) r.checked = r.value === data.categorie;
    for (const v of formulier.querySelectorAll("input[name=talen]")) {
      v.checked = v.value === BRONTAAL || (data.talen || []).includes(v.value);
    }
    for (const r of formulier.querySelectorAll("input[name=register]")) r.checked = r.value === (data.register || "je");
    for (const r of formulier.querySelectorAll("input[name=modus]")) {
      r.checked = r.value === (staat.training ? "oefening" : data.modus || "oefening");
    }
    for (const r of formulier.querySelectorAll("input[name=nederlands]")) {
      r.checked = r.value === (data.nederlands || "standaard");
    }
    document.getElementById("afzender").value = data.afzender || "";
    document.getElementById("duur").value = data.duur_minuten || "";
    velden = Object.assign({}, data.velden || {});
    spellingGekozen = new Set(data.gsm7_spelling || []);
    gebied = data.gebied || null;
    bouwVelden();
    document.dispatchEvent(new CustomEvent("nlalert:gebied-hersteld", { detail: gebied }));
  }

  // ---- live preview --------------------------------------------------------------------------
  let voorbeeldTimer = null;
  let voorbeeldNummer = 0;
  const voorbeeldVak = document.getElementById("voorbeeld");
  const voorbeeldFout = document.getElementById("voorbeeld-fout");

  function planVoorbeeld() {
    clearTimeout(voorbeeldTimer);
    voorbeeldTimer = setTimeout(haalVoorbeeld, WACHT_MS);
  }

  async function haalVoorbeeld() {
    const data = inhoud();
    if (!data.categorie) return;
    const nummer = ++voorbeeldNummer;
    let r;
    try {
      r = await postJson(wortel.dataset.voorbeeldUrl, data);
    } catch (e) {
      if (nummer === voorbeeldNummer) toonFout(t("netwerkfout"), null);
      return;
    }
    if (nummer !== voorbeeldNummer) return; // an answer to older input
    if (!r.ok) return toonFout(r.body.detail || String(r.status), r.body.veld);
    toonFout("", null);
    laatsteVoorbeeld = r.body;
    window.NLAlertVoorbeeld.toon(voorbeeldVak, r.body, gekozenVariant);
  }

  function toonFout(tekst, veld) {
    voorbeeldFout.textContent = tekst;
    voorbeeldFout.hidden = !tekst;
    voorbeeldVak.classList.toggle("verouderd", !!tekst);
    for (const f of document.querySelectorAll(".veldfout[data-server]")) {
      f.removeAttribute("data-server");
      f.hidden = true;
    }
    if (veld && veld.startsWith("velden.")) {
      const naam = veld.slice("velden.".length);
      veldFout(naam, tekst);
      const fout = document.getElementById("fout-" + naam);
      if (fout) fout.setAttribute("data-server", "1");
    }
  }

  voorbeeldVak.addEventListener("click", (e) => {
    const keuze = e.target.closest("button[data-spelling-taal]");
    if (keuze) {
      const taal = keuze.dataset.spellingTaal;
      if (spellingGekozen.has(taal)) spellingGekozen.delete(taal);
      else spellingGekozen.add(taal);
      wijziging();
      return;
    }
    const knop = e.target.closest("button[data-variant]");
    if (!knop || !laatsteVoorbeeld) return;
    gekozenVariant = knop.dataset.variant;
    window.NLAlertVoorbeeld.toon(voorbeeldVak, laatsteVoorbeeld, gekozenVariant);
    const nieuw = voorbeeldVak.querySelector("button[data-variant='" + gekozenVariant + "']");
    if (nieuw) nieuw.focus();
  });

  // ---- autosave ------------------------------------------------------------------------------
  const statusVak = document.getElementById("opslagstatus");
  const sleutel = () => "nlalert.concept." + (bericht.id || "nieuw");
  let laatstOpgeslagen = bericht.id ? JSON.stringify(staat.inhoud) : null;
  let opgeslagenMelding = ""; // the status of the last save, shown again when edits undo themselves
  let bezig = false;
  let verouderd = false;

  function leesLokaal(k) {
    try { return JSON.parse(localStorage.getItem(k) || "null"); } catch (e) { return null; }
  }

  function bewaarLokaal(extra) {
    const oud = leesLokaal(sleutel()) || {};
    const regel = Object.assign({ inhoud: inhoud(), versie: bericht.versie, tijd: Date.now(),
      opgeslagen: false, conflict: !!oud.conflict }, extra || {});
    try { localStorage.setItem(sleutel(), JSON.stringify(regel)); } catch (e) { /* full or private mode */ }
  }

  function wijziging() {
    bewaarLokaal();
    if (!verouderd) statusVak.textContent = t("lokaal");
    planVoorbeeld();
  }

  async function bewaarServer() {
    if (bezig || verouderd) return;
    const data = inhoud();
    const tekst = JSON.stringify(data);
    if (!data.categorie) return;
    if (tekst === laatstOpgeslagen) {
      // Back to what the server holds (say, an area picked again): say so, not "only here".
      if (opgeslagenMelding && !verouderd) statusVak.textContent = opgeslagenMelding;
      return;
    }
    bezig = true;
    try {
      const r = bericht.id
        ? await postJson(wortel.dataset.conceptUrl, { versie: bericht.versie, inhoud: data })
        : await postJson(wortel.dataset.nieuwUrl, data);
      if (r.status === 409) {
        verouderd = true;
        bewaarLokaal({ conflict: true });
        statusVak.textContent = t("verouderd");
        statusVak.parentElement.classList.add("fout");
        return;
      }
      if (!r.ok) {
        statusVak.textContent = r.body.detail || t("opslaan_mislukt");
        return;
      }
      if (!bericht.id) {
        try { localStorage.removeItem(sleutel()); } catch (e) { /* ignore */ }
        wortel.dataset.conceptUrl = r.body.concept_url;
        history.replaceState(null, "", r.body.url);
        const link = document.getElementById("naar-bericht");
        link.href = r.body.detail_url;
        link.hidden = false;
      }
      Object.assign(bericht, { id: r.body.id, versie: r.body.versie, gewijzigd: r.body.gewijzigd_op });
      staat.publiek = r.body.publiek || null;
      toonPubliekeLink();
      laatstOpgeslagen = tekst;
      bewaarLokaal({ opgeslagen: JSON.stringify(inhoud()) === tekst });
      opgeslagenMelding = t("opgeslagen", { tijd: new Date().toLocaleTimeString(document.documentElement.lang) });
      statusVak.textContent = opgeslagenMelding;
    } catch (e) {
      statusVak.textContent = t("opslaan_mislukt");
    } finally {
      bezig = false;
    }
  }

  function biedHerstelAan() {
    // A version offered earlier (and not yet decided on) wins over what edits since then stored.
    const aangeboden = sleutel() + ".aangeboden";
    const lokaal = leesLokaal(aangeboden) || leesLokaal(sleutel());
    if (!lokaal || lokaal.opgeslagen || !lokaal.inhoud) return;
    const serverTijd = bericht.gewijzigd ? Date.parse(bericht.gewijzigd) : 0;
    const anders = JSON.stringify(lokaal.inhoud) !== JSON.stringify(inhoud());
    if (!anders || !(lokaal.conflict || lokaal.tijd > serverTijd)) return;
    const balk = document.getElementById("herstel");
    document.getElementById("herstel-tekst").textContent =
      t("herstel", { tijd: new Date(lokaal.tijd).toLocaleString(document.documentElement.lang) }) + " ";
    balk.hidden = false;
    // Edits made while the offer is open overwrite the normal copy; this one stays untouched.
    try { localStorage.setItem(aangeboden, JSON.stringify(lokaal)); } catch (e) { /* ignore */ }
    const beslist = () => { try { localStorage.removeItem(aangeboden); } catch (e) { /* ignore */ } };
    document.getElementById("herstel-ja").addEventListener("click", () => {
      balk.hidden = true;
      beslist();
      vulFormulier(lokaal.inhoud);
      bewaarLokaal({ conflict: false });
      planVoorbeeld();
    }, { once: true });
    document.getElementById("herstel-nee").addEventListener("click", () => {
      balk.hidden = true;
      beslist();
      try { localStorage.removeItem(sleutel()); } catch (e) { /* ignore */ }
    }, { once: true });
  }

  // ---- the islands' default languages, per island gemeente from the server (kaart.eilandtalen) --
  const EILANDTALEN = staat.eilandtalen || {};
  const EILANDKADERS = staat.eilandkaders || [];
  let talenAangeraakt = Boolean(bericht.id);
  formulier.addEventListener("change", (e) => {
    if (e.target.name === "talen" && e.isTrusted) talenAangeraakt = true;
  });
  /** Every [lon, lat] of a GeoJSON geometry. */
  function hoekpunten(coords) {
    return typeof coords[0] === "number" ? [coords] : coords.flatMap(hoekpunten);
  }
  /** The languages of the island an area lies on wholly: a picked island gemeente, or a drawn
   * area whose points (a circle: its centre, as the server counts it) all lie in one island's box. */
  function talenVanEiland(feature) {
    const props = (feature && feature.properties) || {};
    const codes = props.codes || [];
    if (codes.length) return codes.length === 1 ? EILANDTALEN[codes[0]] || null : null;
    const punten = props.cirkel ? [[props.cirkel.lon, props.cirkel.lat]]
      : feature && feature.geometry ? hoekpunten(feature.geometry.coordinates) : [];
    if (!punten.length) return null;
    const eiland = EILANDKADERS.find(({ kader: [a, b, c, d] }) =>
      punten.every(([lon, lat]) => a <= lon && lon <= c && b <= lat && lat <= d));
    return eiland ? eiland.talen : null;
  }
  /** An area of one island takes its default languages, unless the user chose languages. */
  function eilandTalen(feature) {
    const talen_ = talenVanEiland(feature);
    if (!talen_ || talenAangeraakt) return;
    for (const v of formulier.querySelectorAll("input[name=talen]")) v.checked = talen_.includes(v.value);
    bouwVelden();
  }

  // ---- the area, shared with kaart.js --------------------------------------------------------
  window.nlalertOpstellen = {
    spellingGekozen: (taal) => spellingGekozen.has(taal),
    gebied: () => gebied,
    zetGebied(feature) {
      gebied = feature;
      eilandTalen(feature);
      wijziging();
    },
    postJson: postJson,
  };

  bouwVelden();
  if (bericht.id) laatstOpgeslagen = JSON.stringify(inhoud());
  biedHerstelAan();
  planVoorbeeld();
  setInterval(bewaarServer, BEWAAR_MS);
})();
