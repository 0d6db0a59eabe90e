/* Drawing the preview: phone mock-ups per language and variant, counters, checklist, warnings,
 * readability. Every text from the server or the user goes in through text nodes. */
"use strict";
window.NLAlertVoorbeeld = (function () {
  const T = JSON.parse(document.getElementById("opstel-teksten").textContent);
  const VARIANTEN = ["standaard", "b1", "kort", "beeld"];
  // Flask sorts JSON keys, so the checklist comes back alphabetical: show it in reading order.
  const PUNTEN = ["wat_waar", "actie", "meer_info", "bron", "tijd"];
  const taalcode = () => document.documentElement.lang || "nl";

  function t(sleutel, params) {
    let s = T[sleutel] || sleutel;
    for (const [k, v] of Object.entries(params || {})) s = s.split("%(" + k + ")s").join(String(v));
    return s;
  }

  function el(tag, attrs, ...kinderen) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const k of kinderen) if (k !== null && k !== undefined) e.append(k);
    return e;
  }

  const getal = (n) => Number(n).toLocaleString(taalcode());

  /** The text with each character that forces UCS-2 marked, its GSM-7 spelling in the title. */
  function gemarkeerd(tekst, culprits) {
    const tekens = Array.from(tekst); // positions are code points, as in berichten
    const deel = document.createDocumentFragment();
    // A script that is UCS-2 by nature (Arabic, Cyrillic) would be all marks: mark nothing then.
    if (!culprits.length || culprits.length > tekens.length * 0.3) {
      deel.append(tekst);
      return deel;
    }
    const opPositie = new Map(culprits.map((c) => [c.positie, c]));
    let stuk = "";
    tekens.forEach((teken, i) => {
      const c = opPositie.get(i);
      if (!c) { stuk += teken; return; }
      if (stuk) { deel.append(stuk); stuk = ""; }
      const titel = c.voorstel ? t("schrijf") + ": " + c.voorstel : t("geen_voorstel");
      // An invisible character (no-break or zero-width space, direction mark) gets a visible dot.
      const zichtbaar = /[\u00a0\u200b-\u200f\u2060\ufeff]/.test(teken) ? "\u00b7" : teken;
      deel.append(el("mark", { title: titel }, zichtbaar));
    });
    if (stuk) deel.append(stuk);
    return deel;
  }

  function tellers(cb) {
    const enc = cb.encoding === "gsm7" ? "GSM-7" : "UCS-2";
    return el("p", { class: "tellers" + (cb.te_lang ? " te-lang" : "") },
      el("span", {}, getal(cb.tekens) + " " + t("tekens")),
      el("span", {}, enc + ", " + cb.per_pagina + " " + t("per_pagina")),
      el("span", { class: "paginas" }, cb.pages + "/" + cb.max_pages + " " + t("paginas")),
      cb.te_lang ? el("span", { class: "let-op" }, t("te_veel_paginas")) : null);
  }

  /** The GSM-7 spelling next to the phone: the other text (as written, or as it would be
   * spelled) and the pages it saves, "6 → 3 pagina's". Nothing when it saves no page. */
  function spelling(s, taal, richting) {
    if (!s || !s.bespaart) return null;
    const besparing = s.paginas_voor + " → " + s.paginas_na + " " + t("paginas");
    return el("div", { class: "spelling", "data-spelling": s.toegepast ? "toegepast" : "aanbod" },
      el("p", { class: "spelling-kop" },
        t(s.toegepast ? "spelling_toegepast" : "spelling_aanbod", { besparing: besparing })),
      el("p", { class: "hint" }, t(s.toegepast ? "spelling_origineel" : "spelling_gespeld")),
      el("p", { class: "spelling-tekst", lang: taal, dir: richting }, s.toegepast ? s.origineel : s.gespeld),
      spellingKeuze(s, taal));
  }

  /** On the compose screen: accept the offer for this bericht, or take back that choice. The
   * region's own setting is not the communicator's to undo here. */
  function spellingKeuze(s, taal) {
    const opstellen = window.nlalertOpstellen;
    if (!opstellen || !opstellen.spellingGekozen) return null;
    const gekozen = opstellen.spellingGekozen(taal);
    if (s.toegepast && !gekozen) return null;
    return el("button", { type: "button", class: "spelling-keuze", "data-spelling-taal": taal,
      "aria-pressed": gekozen ? "true" : "false" },
    t(gekozen ? "spelling_terug" : "spelling_kies"));
  }

  function telefoon(kop, entry, taal, richting, modus) {
    const scherm = el("div", { class: "scherm" },
      el("div", { class: "scherm-kop" }, el("span", {}, "NL-Alert"),
        modus !== "echt" ? el("span", { class: "oefenlabel" }, modus === "test" ? "TEST" : t("oefening")) : null));
    if (entry.fout) {
      scherm.append(el("p", { class: "fout" }, entry.fout));
    } else if (entry.svg !== undefined) {
      if (entry.svg) {
        scherm.append(el("img", {
          class: "beeldkaart", alt: t("kaart_alt", { taal: typeof kop === "string" ? kop : kop.textContent }),
          src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(entry.svg),
        }));
      } else {
        scherm.append(el("p", { class: "hint" }, t("geen_kaart")));
      }
    } else {
      // dir=auto: a phone takes the paragraph direction from the text's first strong character
      // (Android's TextView), and so does the preview; an Arabic text opens with a right-to-left
      // mark for that reason. The dir attribute also isolates the text from the page around it.
      scherm.append(el("p", { class: "berichttekst", lang: taal, dir: "auto", "data-richting": richting },
        gemarkeerd(entry.tekst, entry.cb.culprits)));
    }
    // Free text (a substance typed, not picked) stays as typed: say so under this language.
    const vrij = entry.niet_vertaald && entry.niet_vertaald.length
      ? el("p", { class: "melding niet-vertaald", "data-niet-vertaald": entry.niet_vertaald.join("|") },
        t("niet_vertaald", { waarden: entry.niet_vertaald.map((w) => "'" + w + "'").join(", "), taal: taal }))
      : null;
    return el("figure", { class: "telefoon" }, el("figcaption", {}, kop), scherm, vrij,
      entry.cb && entry.svg === undefined ? tellers(entry.cb) : null,
      entry.svg === undefined ? spelling(entry.spelling, taal, richting) : null);
  }

  function controle(data) {
    const lijst = el("ul", { class: "controle" });
    for (const k of PUNTEN) {
      const p = data.volledigheid[k];
      if (!p) continue;
      lijst.append(el("li", { class: p.ok ? "ok" : "niet-ok" },
        el("span", { "aria-hidden": "true" }, p.ok ? "✓ " : "✗ "), p.uitleg));
    }
    const w = el("ul", { class: "waarschuwingen" });
    for (const x of data.waarschuwingen) {
      const waar = [x.taal, x.variant !== "standaard" ? t(x.variant) : ""].filter(Boolean).join(", ");
      w.append(el("li", {}, waar ? el("strong", {}, "[" + waar + "] ") : null, x.tekst));
    }
    return el("div", { class: "controles" }, el("h3", {}, t("controle")), lijst,
      data.waarschuwingen.length ? el("h3", {}, t("waarschuwingen")) : null,
      data.waarschuwingen.length ? w : null);
  }

  function leesbaarheid(data) {
    const vak = el("div", { class: "leesbaarheid" }, el("h3", {}, t("leesbaarheid")));
    for (const variant of VARIANTEN) {
      const l = (data.leesbaarheid || {})[variant];
      if (!l) continue;
      if (l.fout) { vak.append(el("p", {}, t(variant) + ": " + l.fout)); continue; }
      vak.append(el("p", {}, el("strong", {}, t(variant) + ": "),
        t("flesch") + " " + getal(l.flesch_douma) + " · " + getal(l.woorden_per_zin) + " " + t("woorden_per_zin") + " · ",
        el("span", { class: l.geslaagd ? "ok" : "niet-ok" }, l.geslaagd ? t("b1_gehaald") : t("b1_niet"))));
      if (l.problemen.length) {
        const ul = el("ul", { class: "problemen" });
        for (const z of l.problemen) {
          ul.append(el("li", {}, el("q", { lang: "nl" }, z.zin), " — " + z.problemen.join("; ")));
        }
        vak.append(ul);
      }
    }
    return vak;
  }

  // Up to two phones sit side by side; a row with more becomes tabs, one phone shown at a time
  // (WAI-ARIA tabs: arrow keys, Home and End move between them). The tab chosen per row
  // survives the redraw every keystroke makes. Without the script there is no preview at all.
  const NAAST_ELKAAR = 2;
  const gekozenTab = {};

  function tabbladen(rij, groep, labels, sleutels, naam) {
    const figuren = Array.from(rij.children);
    if (figuren.length <= NAAST_ELKAAR) return rij;
    const eerder = sleutels.indexOf(gekozenTab[groep]);
    const keuze = eerder < 0 ? 0 : eerder;
    const lijst = el("div", { class: "telefoon-tabs", role: "tablist", "aria-label": naam });
    const knoppen = figuren.map((fig, i) => {
      const id = "tab-" + groep + "-" + i;
      fig.id = "paneel-" + groep + "-" + i;
      fig.setAttribute("role", "tabpanel");
      fig.setAttribute("aria-labelledby", id);
      fig.hidden = i !== keuze;
      const knop = el("button", {
        type: "button", role: "tab", id: id, "aria-controls": fig.id, "data-sleutel": sleutels[i],
        "aria-selected": i === keuze ? "true" : "false", tabindex: i === keuze ? "0" : "-1",
      }, labels[i]);
      lijst.append(knop);
      return knop;
    });
    function kies(i, focus) {
      knoppen.forEach((k, j) => {
        k.setAttribute("aria-selected", i === j ? "true" : "false");
        k.tabIndex = i === j ? 0 : -1;
        figuren[j].hidden = i !== j;
      });
      gekozenTab[groep] = sleutels[i];
      if (focus) knoppen[i].focus();
    }
    lijst.addEventListener("click", (e) => {
      const k = e.target.closest("[role=tab]");
      if (k) kies(knoppen.indexOf(k), false);
    });
    lijst.addEventListener("keydown", (e) => {
      const i = knoppen.indexOf(document.activeElement);
      const n = knoppen.length;
      const naar = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
      if (i < 0 || naar === undefined) return;
      e.preventDefault();
      kies(naar, true);
    });
    return el("div", { class: "telefoon-tabbladen" }, lijst, rij);
  }

  // The checklist and warnings also sit next to the field they are about (issue 11): a failed
  // checklist point or a warning that names a field gets a note under that field, which the field
  // lists in aria-describedby. The full list stays at the head of the preview.
  const PUNT_VELD = { wat_waar: "veld-plaats", meer_info: "veld-link", bron: "afzender", actie: "categorie-zoek" };

  function veldVan(w) {
    if (w.code === "extra-niet-vertaald" && w.taal) return "veld-extra_" + w.taal;
    if (w.code === "bron") return "afzender";
    if (w.code === "niet-vertaald") {
      // A free value typed in a field: the warning quotes it.
      const veld = Array.from(document.querySelectorAll("#velden input")).find(
        (i) => i.value.trim() && w.tekst.includes("'" + i.value.trim() + "'"));
      return veld ? veld.id : null;
    }
    return null;
  }

  function naastVelden(data) {
    for (const oud of document.querySelectorAll(".veld-controle")) oud.remove();
    for (const i of document.querySelectorAll("[data-controle]")) {
      const rest = (i.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== i.dataset.controle);
      if (rest.length) i.setAttribute("aria-describedby", rest.join(" "));
      else i.removeAttribute("aria-describedby");
      delete i.dataset.controle;
    }
    const notities = new Map();
    for (const k of PUNTEN) {
      const p = (data.volledigheid || {})[k];
      if (p && !p.ok && PUNT_VELD[k]) notities.set(PUNT_VELD[k], [p.uitleg]);
    }
    for (const w of data.waarschuwingen || []) {
      const id = veldVan(w);
      if (!id) continue;
      const lijst = notities.get(id) || [];
      if (!lijst.includes(w.tekst)) lijst.push(w.tekst);
      notities.set(id, lijst);
    }
    for (const [id, teksten] of notities) {
      const veld = document.getElementById(id);
      if (!veld) continue;
      const nota = el("p", { class: "veld-controle melding", id: "controle-" + id },
        el("span", { "aria-hidden": "true" }, "⚠ "), teksten.join(" "));
      veld.insertAdjacentElement("afterend", nota);
      veld.dataset.controle = nota.id;
      const al = (veld.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      veld.setAttribute("aria-describedby", [...al, nota.id].join(" "));
    }
  }

  function toon(vak, data, variant) {
    const nieuw = document.createDocumentFragment();
    // What goes to phones: every broadcast of the set, each with its channel and serial number.
    const lijst = data.uitzendingen || [];
    const uitzending = el("div", { class: "uitzending", id: "uitzendingen" },
      el("h3", {}, t("uitzendingen", { aantal: lijst.length })),
      el("p", { class: "hint" }, t("uitzending_uitleg") + " " + t("ucs2_uitleg")));
    const rijUit = el("div", { class: "telefoons" });
    for (const u of lijst) {
      const eerste = data.talen.find((x) => x.taal === u.talen[0]) || { richting: "ltr" };
      const kop = u.talen.join(" + ") + " · " + t("kanaal") + " " + u.message_identifier
        + " · " + t("serienummer") + " " + u.serial_number.waarde;
      const fig = telefoon(kop, { tekst: u.tekst, cb: u.cb }, u.talen[0], eerste.richting, data.modus);
      fig.dataset.talen = u.talen.join("+");
      rijUit.append(fig);
    }
    uitzending.append(tabbladen(rijUit, "uitzending", lijst.map((u) => u.talen.join(" + ")),
      lijst.map((u) => u.talen.join("+")), t("uitzendingen", { aantal: lijst.length })));
    nieuw.append(uitzending);

    const tabs = el("div", { class: "tabs", role: "group", "aria-label": t("standaard") + " / " + t("b1") + " / " + t("kort") + " / " + t("beeld") });
    for (const v of VARIANTEN) {
      tabs.append(el("button", { type: "button", "data-variant": v, "aria-pressed": v === variant ? "true" : "false" }, t(v)));
    }
    nieuw.append(tabs);
    const rij = el("div", { class: "telefoons" });
    const tabNamen = [];
    const tabTalen = [];
    for (const taal of data.talen) {
      const entry = taal.varianten[variant];
      if (!entry) continue;
      tabNamen.push(el("bdi", { lang: taal.taal, dir: taal.richting }, taal.naam));
      tabTalen.push(taal.taal);
      // The language's own name, isolated so an Arabic name does not reorder the caption.
      const naam = el("span", {}, el("bdi", { lang: taal.taal, dir: taal.richting }, taal.naam));
      if (taal.naam_ui && taal.naam_ui !== taal.naam) naam.append(" (" + taal.naam_ui + ")");
      rij.append(telefoon(naam, entry, taal.taal, taal.richting, data.modus));
    }
    nieuw.append(tabbladen(rij, "taal", tabNamen, tabTalen, t("telefoon_per_taal")), controle(data),
      leesbaarheid(data));
    vak.replaceChildren(nieuw);
    naastVelden(data);
  }

  return { toon: toon, el: el, t: t, getal: getal };
})();
