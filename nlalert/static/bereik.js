/* The reach panel's trust parts (issue 11): the places outside the area that receive the alert,
 * and the vulnerable groups (75+, under 12) with the channels that reach them. The group texts
 * come translated from the server in <template id="kwetsbaar-sjabloon"> (_kwetsbaar.html, the
 * same partial the approver's page renders); only the numbers are filled in here. */
"use strict";
window.NLAlertBereik = (function () {
  const { el, t, getal } = window.NLAlertVoorbeeld;

  function plaatsen(b) {
    const lijst = b.overshoot_plaatsen || [];
    if (!lijst.length) return null;
    return el("p", { class: "overshoot-plaatsen" }, t("overshoot_plaatsen") + " ",
      lijst.map((p) => p.gemeentenaam + " (" + getal(Math.round(p.overshoot)) + ")").join(", "));
  }

  function kwetsbaar(b) {
    const sjabloon = document.getElementById("kwetsbaar-sjabloon");
    const groepen = b.kwetsbare_groepen || [];
    if (!sjabloon || !groepen.length) return null;
    const vak = sjabloon.content.firstElementChild.cloneNode(true);
    for (const g of groepen) {
      const rij = vak.querySelector("[data-groep='" + g.leeftijd + "']");
      if (!rij) continue;
      for (const dd of rij.querySelectorAll("[data-veld]")) {
        dd.textContent = getal(Math.round(g[dd.dataset.veld] || 0));
      }
    }
    return vak;
  }

  /** What the reach panel shows below the per-gemeente table. */
  function extra(b) {
    const deel = document.createDocumentFragment();
    for (const x of [plaatsen(b), kwetsbaar(b)]) if (x) deel.append(x);
    return deel;
  }

  return { extra: extra };
})();
