"""Every category x language x variant renders completely and fits: what a reviewer relies on."""

from __future__ import annotations

from datetime import datetime

import pytest

from berichten import Afzender, Modus, Variant, compose
from berichten.beeld import kaart_svg
from handelingsperspectieven import Handelingsperspectief, catalogus, voorbeeldvelden
from vertalingen import BRONTAAL, TALEN

PLAATS = "Geertruidenberg, Centrum"  # 24 characters: a realistic long place
CATEGORIEEN = sorted(catalogus())
AFZENDER = Afzender(naam="Veiligheidsregio Midden- en West-Brabant")


def velden(p: Handelingsperspectief) -> dict[str, str]:
    waarden = voorbeeldvelden(p)
    if "plaats" in waarden:
        waarden["plaats"] = PLAATS
    return waarden


def modus(p: Handelingsperspectief) -> Modus:
    return Modus(p.vaste_modus) if p.vaste_modus else Modus.ECHT


@pytest.mark.parametrize("categorie", CATEGORIEEN)
@pytest.mark.parametrize("taal", list(TALEN))
def test_standard_text_is_fully_translated_fits_and_keeps_values(
    categorie: str, taal: str, moment: datetime
) -> None:
    p = catalogus()[categorie]
    b = compose(p, velden(p), talen=[taal], modus=modus(p), tijd=moment, afzender=AFZENDER)
    t = b.talen[0]
    assert t.teruggevallen == (), f"{categorie}/{taal}: still Dutch: {t.teruggevallen}"
    assert 1 <= len(t.cb.pages) <= 15
    assert len(t.cb.pages) <= 7, f"{categorie}/{taal}: {len(t.cb.pages)} pages is too long to read"
    for waarde in velden(p).values():
        assert waarde in t.tekst, f"{categorie}/{taal}: value {waarde!r} lost"
    assert b.volledigheid.compleet, (categorie, taal, b.volledigheid.to_dict())


@pytest.mark.parametrize("categorie", CATEGORIEEN)
@pytest.mark.parametrize("taal", list(TALEN))
def test_short_variant_fits_a_bus_stop_screen(categorie: str, taal: str, moment: datetime) -> None:
    p = catalogus()[categorie]
    waarden = velden(p)
    if "link" in waarden:
        waarden["link"] = "www.vrmwb.nl/actueel"  # 20 characters
    b = compose(p, waarden, talen=[taal], modus=modus(p), tijd=moment, variant=Variant.KORT)
    t = b.talen[0]
    assert t.teruggevallen == ()
    assert len(t.tekst) <= 100, f"{categorie}/{taal}: {len(t.tekst)} characters: {t.tekst}"


@pytest.mark.parametrize("categorie", CATEGORIEEN)
def test_easy_dutch_is_dutch_complete_and_passes_b1(categorie: str, moment: datetime) -> None:
    from vertalingen.leesbaarheid import analyseer

    p = catalogus()[categorie]
    b = compose(
        p,
        velden(p),
        talen=[BRONTAAL],
        modus=modus(p),
        tijd=moment,
        variant=Variant.B1,
        afzender=AFZENDER,
    )
    assert b.volledigheid.compleet
    meting = analyseer(b.tekst, negeer=list(velden(p).values()))
    assert meting.flesch_douma >= 70, (categorie, meting.flesch_douma)
    assert meting.woorden_per_zin <= 10, (categorie, meting.woorden_per_zin)


@pytest.mark.parametrize("categorie", CATEGORIEEN)
@pytest.mark.parametrize("taal", list(TALEN))
def test_visual_card_has_alt_text_in_its_language(
    categorie: str, taal: str, moment: datetime
) -> None:
    p = catalogus()[categorie]
    b = compose(p, velden(p), talen=[taal], modus=modus(p), tijd=moment)
    svg = kaart_svg(b, taal)
    assert "<title" in svg and "<desc" in svg
    assert f'xml:lang="{taal}"' in svg or f'lang="{taal}"' in svg


@pytest.mark.parametrize("taal", ["ar", "uk"])
def test_arabic_and_ukrainian_are_ucs2_with_their_real_page_count(
    taal: str, moment: datetime
) -> None:
    p = catalogus()["brand-rook"]
    b = compose(p, velden(p), talen=[taal], tijd=moment)
    t = b.talen[0]
    assert t.cb.encoding == "ucs2" and t.cb.dcs == 0x11
    per_pagina = 40  # UCS-2 with a language indication on every page (see berichten/paginas.py)
    assert len(t.cb.pages) == -(-len(t.tekst) // per_pagina)


@pytest.mark.parametrize(
    ("taal", "kop"),
    [
        ("nl", "NL-Alert 22-11-2026 14:30:"),  # the fixed NL-Alert form
        ("en", "NL-Alert 22/11/2026 14:30:"),
        ("de", "NL-Alert 22.11.2026 14:30:"),
        ("fr", "NL-Alert 22/11/2026 14:30:"),
        ("pl", "NL-Alert 22.11.2026 14:30:"),
        # One mark before the header for the phone's paragraph direction, none in the date.
        ("ar", "\u200fNL-Alert 22/11/2026 14:30:"),
    ],
)
def test_header_date_follows_the_locale_and_the_clock_is_24_hour(
    taal: str, kop: str, moment: datetime
) -> None:
    p = catalogus()["brand-rook"]
    b = compose(p, {**velden(p), "sinds": "14:05"}, talen=[taal], tijd=moment)
    assert b.talen[0].tekst.startswith(kop)
    assert "14:05" in b.talen[0].tekst  # incident times too, never 2:05 PM


@pytest.mark.parametrize("categorie", CATEGORIEEN)
@pytest.mark.parametrize("taal", list(TALEN))
def test_every_variant_of_an_exercise_is_marked(
    categorie: str, taal: str, moment: datetime
) -> None:
    p = catalogus()[categorie]
    if p.vaste_modus:
        return  # the control message is a test by nature; its own text says so
    for variant in (Variant.STANDAARD, Variant.KORT) + ((Variant.B1,) if taal == BRONTAAL else ()):
        b = compose(p, velden(p), talen=[taal], modus=Modus.OEFENING, tijd=moment, variant=variant)
        merk = {
            "nl": "OEFENING",
            "en": "EXERCISE",
            "de": "ÜBUNG",
            "fr": "EXERCICE",
            "pap": "EHERSISIO",
            "tr": "TATBİKAT",
            "ar": "تمرين",
            "pl": "ĆWICZENIA",
            "uk": "НАВЧАННЯ",
        }[taal]
        assert b.talen[0].tekst.startswith(merk) or merk in b.talen[0].tekst[:60], (
            variant,
            b.talen[0].tekst,
        )


@pytest.mark.parametrize("categorie", CATEGORIEEN)
def test_an_all_clear_never_repeats_the_danger_in_any_variant(
    categorie: str, moment: datetime
) -> None:
    from berichten import BerichtSoort, Herkomst

    p = catalogus()[categorie]
    eerste = compose(p, velden(p), talen=[BRONTAAL], modus=modus(p), tijd=moment)
    for variant in (Variant.STANDAARD, Variant.B1, Variant.KORT):
        b = compose(
            p,
            velden(p),
            talen=[BRONTAAL],
            modus=modus(p),
            tijd=moment,
            variant=variant,
            soort=BerichtSoort.CANCEL,
            herkomst=Herkomst.van(eerste),
        )
        assert p.einde.je % velden(p) in b.tekst, (variant, b.tekst)
        assert not any(a.tekst.je % velden(p) in b.tekst for a in p.acties), (variant, b.tekst)
