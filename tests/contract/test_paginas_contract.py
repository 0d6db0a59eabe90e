"""Pages encoded by `berichten` decode in the simulator to the same text and language.

`sim` has its own decoder on purpose (it imports nothing of ours); this test keeps the two honest.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berichten.errors import BerichtError
from berichten.paginas import encode, normalise_line_breaks
from sim.ecbe.decodeer import Tekenset, decodeer

TEST_2022 = (
    "NL-Alert 13-06-2022 12:00: TESTBERICHT. De overheid waarschuwt je tijdens noodsituaties via"
    " NL-Alert. Je leest dan wat je moet doen en waar je meer informatie kan vinden. Kijk op"
    " www.nl-alert.nl *** TEST MESSAGE Netherlands Government Public Warning System. No action"
    " required. More information: www.nl-alert.nl/english"
)


@pytest.mark.parametrize(
    ("tekst", "taal", "tekenset", "dcs"),
    [
        (TEST_2022, "nl", Tekenset.GSM7, 0x05),
        ("Grote brand in Alkmaar. Kosten: €0 [gratis] {info} ~ | ^ \\", "nl", Tekenset.GSM7, 0x05),
        ("Brand bij de Reünie in Zoë's café. Sluit ramen en deuren.", "nl", Tekenset.UCS2, 0x11),
        (
            "حريق كبير في ألكمار. ابق بعيدا عن الدخان. أغلق النوافذ والأبواب.",
            "ar",
            Tekenset.UCS2,
            0x11,
        ),
        (
            "Велика пожежа в Алкмарі. Тримайтеся подалі від диму. Зачиніть вікна.",
            "uk",
            Tekenset.UCS2,
            0x11,
        ),
        ("Kandela grandi na Alkmaar. Sera bentana i porta.\u2019", "pap", Tekenset.UCS2, 0x48),
    ],
)
def test_berichten_encodes_what_sim_decodes(
    tekst: str, taal: str, tekenset: Tekenset, dcs: int
) -> None:
    paginas = encode(tekst, taal)
    assert paginas.dcs == dcs
    gedecodeerd = decodeer(paginas.dcs, paginas.pages)
    assert gedecodeerd.tekst == tekst
    assert gedecodeerd.codering.tekenset is tekenset
    assert gedecodeerd.taal == (taal if len(taal) == 2 else None)


def test_multi_page_ucs2_keeps_the_language_on_every_page() -> None:
    tekst = "Увага! " * 20  # 140 characters: four pages of 40
    paginas = encode(tekst, "uk")
    assert len(paginas.pages) == 4
    gedecodeerd = decodeer(paginas.dcs, paginas.pages)
    assert gedecodeerd.tekst == tekst
    assert all(len(p) <= 40 for p in gedecodeerd.paginas)


# U+0000 is left out: the simulator drops trailing zero octets from a UCS-2 page (osmo-cbc's fill
# of short pages), so a text that itself ends in U+0000 would lose it.
TEKENS = st.characters(codec="utf-16", exclude_categories=["Cs"], exclude_characters="\ufffe\x00")


@given(st.text(alphabet=TEKENS, max_size=300), st.sampled_from(["nl", "en", "ar", "uk", "pap"]))
def test_any_text_that_fits_roundtrips(tekst: str, taal: str) -> None:
    try:
        paginas = encode(tekst, taal)
    except BerichtError:
        return  # too long, or a character berichten refuses: nothing to compare
    assert decodeer(paginas.dcs, paginas.pages).tekst == normalise_line_breaks(tekst)
