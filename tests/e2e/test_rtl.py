"""Arabic in a real browser, on every screen that shows it: right to left, isolated, and the header
laid out as a phone lays it out.

A phone (Android's TextView) takes the paragraph direction from the first strong character; the
Arabic header opens with a right-to-left mark, so the paragraph is right to left and the header
'NL-Alert 3/12/2026 14:05' stays one left-to-right unit at its start (the right). The check reads
the boxes of the header's characters in the page, so it sees what a reader sees.
"""

from __future__ import annotations

from contextlib import closing
from typing import Any

from playwright.sync_api import Locator, Page, expect

from nlalert import koppelingen
from nlalert.accounts import gebruikers
from nlalert.db import verbind
from nlalert.verzending import uitvoering
from nlalert.workflow import opslag, opsteller
from tests.e2e.conftest import Omgeving, inloggen, uitloggen

DATA = {
    "categorie": "brand-rook",
    "velden": {"plaats": "Moerdijk", "link": "crisis.nl"},
    "talen": ["nl", "ar"],
    "modus": "oefening",
}

# The boxes of the header's characters, in logical order, and of the first Arabic letter after it.
KOPVAKKEN = """(el) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const tekens = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (let i = 0; i < n.data.length; i++) tekens.push([n, i]);
  }
  const tekst = tekens.map(([n, i]) => n.data[i]).join("");
  const kop = /NL-Alert \\S+ \\d{1,2}:\\d{2}/.exec(tekst);
  if (!kop) return null;
  const vak = (k) => {
    const [n, i] = tekens[k];
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + 1);
    const b = r.getBoundingClientRect();
    return { teken: n.data[i], links: b.left, rechts: b.right, boven: b.top };
  };
  const vakken = [];
  for (let k = kop.index; k < kop.index + kop[0].length; k++) {
    if (!/[\\s\\u200e\\u200f\\u061c]/.test(tekst[k])) vakken.push(vak(k));
  }
  const arabisch = tekst.slice(kop.index).search(/[\\u0600-\\u06ff]/);
  const stijl = getComputedStyle(el);
  return {
    kop: kop[0],
    vakken: vakken,
    arabisch: arabisch < 0 ? null : vak(kop.index + arabisch),
    richting: stijl.direction,
    isolatie: stijl.unicodeBidi,
  };
}"""


def leest_als_een_telefoon(tekst: Locator) -> None:
    """Right to left and isolated; the header one left-to-right unit with the Arabic after it to
    its left, as a phone shows it."""
    meting: dict[str, Any] | None = tekst.evaluate(KOPVAKKEN)
    assert meting is not None, tekst.inner_text()
    assert meting["richting"] == "rtl", meting["richting"]
    assert meting["isolatie"] in ("isolate", "plaintext"), meting["isolatie"]
    vakken = meting["vakken"]
    # One line, and every character right of the one before it: 'NL-Alert', the date, the time.
    assert max(v["boven"] for v in vakken) - min(v["boven"] for v in vakken) < 2, meting["kop"]
    volgorde = [v["links"] for v in vakken]
    assert volgorde == sorted(volgorde), [
        v["teken"] for v in sorted(vakken, key=lambda v: v["links"])
    ]
    # The Arabic body follows the header to its left, or on the next line from the right: the
    # paragraph reads right to left.
    a = meting["arabisch"]
    assert a is not None
    if abs(a["boven"] - vakken[0]["boven"]) < 2:
        assert a["rechts"] <= min(volgorde) + 1, (a, min(volgorde))
    else:
        assert a["boven"] > vakken[0]["boven"]
        assert a["rechts"] >= max(v["rechts"] for v in vakken) - 2, (a, vakken[-1])


def _record(o: Omgeving, stap: str) -> int:
    """A bericht of anna's taken to `stap` (concept, ingediend, goedgekeurd, verzonden)."""
    with closing(verbind(o.app.config["DATABASE"])) as db, o.app.app_context():
        anna, gert = gebruikers.zoek(db, "anna"), gebruikers.zoek(db, "gert")
        assert anna is not None and gert is not None
        r = opslag.maak(db, DATA, anna)
        assert r.id is not None
        if stap != "concept":
            opslag.dien_in(db, r.id, anna, versie=r.versie)
        if stap in ("goedgekeurd", "verzonden"):
            opslag.keur_goed(db, r.id, gert, gezien_hash=opslag.lees(db, r.id).inhoud_hash)
        if stap == "verzonden":
            uit = uitvoering.verzend(db, r.id, gert, koppelingen.koppelingen(), opsteller.bericht)
            assert uit.status.value == "verzonden"
        return r.id


def _uitzending_ar(page: Page) -> Locator:
    return page.locator('#uitzendingen tr.uitzending[data-talen="ar"] pre')


def test_arabic_reads_as_on_a_phone_on_every_screen(omgeving: Omgeving, page: Page) -> None:
    o = omgeving
    concept = _record(o, "concept")
    ingediend = _record(o, "ingediend")
    goedgekeurd = _record(o, "goedgekeurd")
    verzonden = _record(o, "verzonden")

    # The phone preview on the compose screen.
    inloggen(page, o.url, "anna")
    page.goto(f"{o.url}/berichten/{concept}/bewerken")
    telefoon = page.locator('#uitzendingen figure[data-talen="ar"] .berichttekst')
    expect(telefoon).to_contain_text("NL-Alert")
    leest_als_een_telefoon(telefoon)
    # The variant row's phone and its caption: the language's own name isolated in the caption.
    rij = page.locator(".telefoons figure").filter(has=page.locator('bdi[lang="ar"]'))
    leest_als_een_telefoon(rij.first.locator(".berichttekst"))
    uitloggen(page)

    inloggen(page, o.url, "gert")
    page.goto(f"{o.url}/berichten/{ingediend}")  # approval
    leest_als_een_telefoon(_uitzending_ar(page))
    page.goto(f"{o.url}/berichten/{goedgekeurd}/verzenden")  # confirm
    leest_als_een_telefoon(_uitzending_ar(page))
    page.goto(f"{o.url}/berichten/{verzonden}")  # the message page after sending
    leest_als_een_telefoon(_uitzending_ar(page))
    uitloggen(page)

    inloggen(page, o.url, "bea")  # the review screen: every language and variant side by side
    page.goto(f"{o.url}/toegankelijkheid/brand-rook")
    leest_als_een_telefoon(page.locator('tr[data-taal="ar"] td[data-variant="standaard"] p.tekst'))

    # The public page shows the header apart, as one left-to-right unit at the right.
    page.goto(f"{o.url}/publiek/oefening/{verzonden}/")
    ar = page.locator("#taal-ar")
    kop = ar.locator(".kop-tekst")
    assert kop.evaluate("k => getComputedStyle(k).unicodeBidi") == "isolate"
    kopvak, blok = kop.bounding_box(), ar.locator("p.tekst").bounding_box()
    assert (
        kopvak and blok and abs((kopvak["x"] + kopvak["width"]) - (blok["x"] + blok["width"])) < 2
    )
