"""The page census: pages per language over every category, as written and spelled in GSM-7."""

from __future__ import annotations

from datetime import datetime

import pytest

from berichten import Instellingen, compose
from berichten.modus import Modus
from berichten.spelling import Beleid
from berichten.telling import AFZENDER, Telling, paginatelling
from handelingsperspectieven import catalogus, voorbeeldvelden
from handelingsperspectieven.model import Handelingsperspectief
from vertalingen import TALEN


@pytest.fixture(scope="module")
def telling() -> Telling:
    return paginatelling(tijd=datetime.fromisoformat("2026-11-22T14:30+01:00"))


def _paginas(p: Handelingsperspectief, taal: str, spelling: frozenset[str]) -> tuple[int, str]:
    b = compose(
        p,
        voorbeeldvelden(p),
        talen=[taal],
        modus=Modus(p.vaste_modus) if p.vaste_modus else Modus.ECHT,
        tijd=datetime.fromisoformat("2026-11-22T14:30+01:00"),
        afzender=AFZENDER,
        instellingen=Instellingen(gsm7_spelling=spelling),
    )
    return len(b.cb.pages), b.cb.encoding


@pytest.mark.parametrize("taal", ["fr", "tr", "nl"])
def test_census_counts_what_compose_sends_with_spelling_off_and_on(
    telling: Telling, taal: str
) -> None:
    rij = next(t for t in telling.talen if t.taal == taal)
    uit = [_paginas(p, taal, frozenset()) for p in catalogus().values()]
    aan = [_paginas(p, taal, frozenset({taal})) for p in catalogus().values()]
    assert rij.voor == sum(n for n, _e in uit)
    assert rij.na == sum(n for n, _e in aan)
    assert rij.ucs2_voor == sum(e == "ucs2" for _n, e in uit)
    assert rij.ucs2_na == sum(e == "ucs2" for _n, e in aan)


def test_census_totals_add_up_over_every_language(telling: Telling) -> None:
    assert telling.categorieen == len(catalogus())
    assert [t.taal for t in telling.talen] == list(TALEN)
    assert telling.voor == sum(t.voor for t in telling.talen)
    assert telling.na == sum(t.na for t in telling.talen)
    assert telling.standaard == sum(
        t.na if t.beleid is Beleid.AAN else t.voor for t in telling.talen
    )
    assert telling.na <= telling.standaard <= telling.voor
    data = telling.to_dict()
    assert data["totaal"] == {
        "voor": telling.voor,
        "standaard": telling.standaard,
        "na": telling.na,
    }


def test_french_and_papiamento_leave_no_ucs2_category_and_french_saves_pages(
    telling: Telling,
) -> None:
    per_taal = {t.taal: t for t in telling.talen}
    fr = per_taal["fr"]
    assert fr.ucs2_voor > 0 and fr.ucs2_na == 0
    assert fr.voor - fr.na >= fr.voor // 4, (fr.voor, fr.na)  # issue 14: about a third
    assert per_taal["pap"].ucs2_na == 0
    for taal in ("tr", "pl"):
        assert per_taal[taal].na < per_taal[taal].voor == per_taal[taal].standaard


@pytest.mark.parametrize("taal", ["ar", "uk"])
def test_arabic_and_ukrainian_stay_ucs2_in_the_census(telling: Telling, taal: str) -> None:
    rij = next(t for t in telling.talen if t.taal == taal)
    assert rij.beleid is Beleid.NOOIT and rij.voor == rij.na
    assert rij.ucs2_voor == rij.ucs2_na == len(catalogus())
