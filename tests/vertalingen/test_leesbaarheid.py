"""Readability indicators: known values, detection both ways, text conventions, the B1 catalogue."""

from __future__ import annotations

import json
import math
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berichten import Variant, compose
from handelingsperspectieven import Handelingsperspectief, Register, catalogus, velden
from vertalingen import OnbekendeTaal
from vertalingen.leesbaarheid import (
    B1,
    AlleenNederlands,
    Drempels,
    Leesbaarheid,
    LegeTekst,
    analyseer,
    flesch_douma,
)
from vertalingen.taalregels import KOP, lettergrepen, woorden, zinnen

# Syllables counted by hand (spoken Dutch), chosen to include the hard cases: a vowel that is a
# syllable on its own at the start (o-pen), hiatus (ra-di-o), diaeresis (ze-eën), compounds.
HANDGETELD = {
    "ga": 1, "naar": 1, "binnen": 2, "ramen": 2, "deuren": 2, "ventilatie": 4, "calamiteit": 4,
    "evacueren": 5, "verantwoordelijkheid": 6, "radio": 3, "batterijen": 4, "medicijnen": 4,
    "noodpakket": 3, "ziekenhuis": 3, "politie": 3, "brandweer": 2, "aanslag": 2, "zee": 1,
    "zeeën": 2, "auto": 2, "piano": 3, "eieren": 3, "televisie": 4, "informatie": 4,
    "kraanwater": 3, "gevaarlijke": 4, "overstroming": 4, "ingewikkeld": 4, "gemeente": 3,
    "water": 2, "elkaar": 2, "ideaal": 3, "museum": 3, "olie": 2, "europa": 3, "agent": 2,
    "ogen": 2, "uren": 2, "even": 2, "energie": 3, "opzij": 2, "explosie": 3, "straling": 2,
    "telefoon": 3, "onmiddellijk": 4, "beïnvloeden": 4, "geëvacueerd": 5, "rook": 1,
    "drinkwater": 3, "ambulance": 4, "hulpdiensten": 3, "veiligheidsregio": 6, "aardbeving": 3,
    "iedereen": 3, "achter": 2, "ouders": 2, "open": 2, "eten": 2, "avond": 2, "idee": 2, "ui": 1,
}  # fmt: skip

PLAATS = "Geertruidenberg"  # 15 characters: a long place name, as the content test requires


def test_flesch_douma_of_a_hand_counted_text() -> None:
    # 2 sentences, 7 words, 8 syllables (ga naar bin-nen / doe de deur dicht):
    # 206.835 - 0.93 x 3.5 - 77 x 8/7 = 206.835 - 3.255 - 88 = 115.58
    meting = analyseer("Ga naar binnen. Doe de deur dicht.")
    assert (meting.zinnen, meting.woorden, meting.lettergrepen) == (2, 7, 8)
    assert meting.flesch_douma == pytest.approx(115.58)
    assert meting.woorden_per_zin == 3.5
    # One sentence: 4 words, 7 syllables (er is een ca-la-mi-teit): 206.835 - 3.72 - 134.75.
    assert analyseer("Er is een calamiteit.").flesch_douma == pytest.approx(68.365)


def test_formula_matches_domain_md() -> None:
    assert flesch_douma(10, 1, 15) == pytest.approx(206.835 - 9.3 - 115.5)


def test_pyphen_agrees_with_hand_counts_on_three_in_four_words_and_only_undercounts() -> None:
    telling = {w: lettergrepen(w) for w in HANDGETELD}
    mis = {w for w, n in telling.items() if n != HANDGETELD[w]}
    # 46 of 61 (75 %). Every miss is a single-letter syllable at an edge (o-pen, i-dee) or a
    # hiatus (ra-di-o): pyphen never breaks there, so it counts one short and never over.
    assert len(HANDGETELD) - len(mis) == 46
    assert all(telling[w] == HANDGETELD[w] - 1 for w in mis)
    assert {"open", "idee", "radio", "evacueren"} <= mis


def test_header_is_skipped_not_a_sentence() -> None:
    meting = analyseer("NL-Alert 22-11-2026 14:30: UPDATE 2: Ga naar binnen.")
    assert meting.kop == "NL-Alert 22-11-2026 14:30: UPDATE 2:"
    assert meting.zinnen == 1
    assert meting.per_zin[0].tekst == "Ga naar binnen."
    with pytest.raises(LegeTekst):
        analyseer("NL-Alert 22-11-2026 14:30:")


def test_urls_times_numbers_and_abbreviations_do_not_end_sentences() -> None:
    _, zin = zinnen(
        "Kijk op crisis.nl/brand of www.nl-alert.nl. Ga om 14.30 uur weg. Het is 3.5 km. "
        "Neem bijv. water mee. Zie o.a. crisis.nl!"
    )
    assert zin == (
        "Kijk op crisis.nl/brand of www.nl-alert.nl.",
        "Ga om 14.30 uur weg.",
        "Het is 3.5 km.",
        "Neem bijv. water mee.",
        "Zie o.a. crisis.nl!",
    )


def test_line_break_ends_a_sentence() -> None:
    assert zinnen("Ga naar binnen\nDoe ramen dicht")[1] == ("Ga naar binnen", "Doe ramen dicht")


def test_urls_numbers_and_times_are_one_word_of_one_syllable_and_never_rare() -> None:
    assert [echt for _, echt in woorden("Bel 0800-9009 of kijk op crisis.nl om 14:30")] == [
        True, False, True, True, True, False, True, False,
    ]  # fmt: skip
    meting = analyseer("Kijk op crisis.nl of https://www.nl-alert.nl/info om 14:30.")
    assert meting.woorden == 7
    assert meting.lettergrepen == 7
    assert meting.zeldzame_woorden == ()
    assert meting.jargon == ()


@pytest.mark.parametrize(
    ("tekst", "vorm"),
    [
        ("U wordt gevraagd binnen te blijven.", "wordt ... gevraagd"),
        ("De bewoners wordt geadviseerd ramen te sluiten.", "wordt ... geadviseerd"),
        ("De ramen moeten gesloten worden.", "gesloten ... worden"),
        ("Het gebied werd gisteren ontruimd.", "werd ... ontruimd"),
        ("Reizen wordt afgeraden.", "wordt ... afgeraden"),
    ],
)
def test_passive_is_found(tekst: str, vorm: str) -> None:
    zin = analyseer(tekst).per_zin[0]
    assert zin.passief == (vorm,)
    assert f"lijdende vorm: '{vorm}'" in zin.problemen


@pytest.mark.parametrize(
    "tekst",
    [
        "Het wordt warm.",
        "Je kunt ziek worden van de rook.",
        "Het water wordt gevaarlijk.",
        "Het wordt tijd om te beginnen.",
        "Het wordt een drukke dag in het gebied.",
        "De ramen zijn gesloten.",  # a participle without worden: no passive with worden
    ],
)
def test_copula_worden_and_participles_alone_are_not_passive(tekst: str) -> None:
    assert analyseer(tekst).passief == ()


def test_modal_verbs_are_found_in_every_form_and_only_then() -> None:
    assert analyseer("U moet binnen blijven. Moet dat?").modale_werkwoorden == ("moet", "Moet")
    assert analyseer("Je kunt weer gewoon doen.").modale_werkwoorden == ("kunt",)
    assert analyseer("Er kan veel water komen. Dat mocht niet.").modale_werkwoorden == (
        "kan",
        "mocht",
    )
    assert analyseer("Ga naar binnen. Doe de ramen dicht.").modale_werkwoorden == ()


@pytest.mark.parametrize(
    ("tekst", "woord", "alternatief"),
    [
        ("Er is een calamiteit.", "calamiteit", "ongeluk"),
        ("Bewoners moeten evacueren.", "evacueren", "weggaan"),
        ("Zet de mechanische ventilatie uit.", "mechanische ventilatie", "'ventilatie'"),
        ("Dit is het handelingsperspectief.", "handelingsperspectief", "wat je moet doen"),
        ("Schuilen is nodig.", "Schuilen", "naar binnen gaan"),
    ],
)
def test_jargon_is_found_with_a_plain_alternative(tekst: str, woord: str, alternatief: str) -> None:
    zin = analyseer(tekst).per_zin[0]
    assert [j.woord for j in zin.jargon] == [woord]
    assert alternatief in zin.jargon[0].alternatief
    assert any(p.startswith(f"moeilijk woord: '{woord}' (schrijf: ") for p in zin.problemen)


def test_abbreviations_are_found_and_written_out() -> None:
    meting = analyseer("De GHOR, de VR en de GGD helpen. Neem bijv. water mee.")
    assert [(j.woord, j.afkorting) for j in meting.jargon] == [
        ("GHOR", True),
        ("VR", True),
        ("GGD", True),
        ("bijv.", True),
    ]
    assert "afkorting: 'bijv.' (schrijf: 'bijvoorbeeld')" in meting.per_zin[1].problemen


@pytest.mark.parametrize(
    "tekst",
    [
        "Zet de ventilatie uit.",  # the plain word itself
        "Hij heeft grip op het water.",  # the word grip, not the code GRIP
        "Kijk op www.evacuatie.nl.",  # an address is not a word to rewrite
        "OEFENING. TESTBERICHT. UPDATE.",  # words in capitals, not abbreviations
    ],
)
def test_plain_words_capitals_and_addresses_are_not_jargon(tekst: str) -> None:
    assert analyseer(tekst).jargon == ()


def test_rare_words_are_found_but_names_numbers_and_imperatives_are_not() -> None:
    assert [z.woord for z in analyseer("Pak het noodpakket.").zeldzame_woorden] == ["noodpakket"]
    assert analyseer("Oosterhesselen is dicht.").zeldzame_woorden[0].woord == "Oosterhesselen"
    assert analyseer("Oosterhesselen is dicht.", negeer=["Oosterhesselen"]).zeldzame_woorden == ()
    # A capital inside a sentence marks a name: measured, never reported.
    assert analyseer("Er is brand in Oosterhesselen.").zeldzame_woorden == ()
    # Imperatives are rare in corpora; their infinitive (blussen, koken) decides.
    assert analyseer("Blus het vuur niet. Kook het water. Bel 0800-9009.").zeldzame_woorden == ()


def test_long_words_say_why() -> None:
    lang = {w.woord: w.waarom for w in analyseer("Zet de ventilatie uit.").lange_woorden}
    assert lang == {"ventilatie": "4 lettergrepen"}
    lang = {w.woord: w.waarom for w in analyseer("Bel de strandwachtpost.").lange_woorden}
    assert lang == {"strandwachtpost": "15 letters"}
    woord = analyseer("Dat is verantwoordelijkheid.").lange_woorden[0]
    assert woord.waarom == "6 lettergrepen, 20 letters"
    assert analyseer("Ga naar binnen in Geertruidenberg.").lange_woorden == ()


def test_long_sentence_says_how_long() -> None:
    zin = analyseer(
        "De bewoners in de wijk moeten de ramen en de deuren van hun huis nu meteen sluiten."
    ).per_zin[0]
    assert zin.woorden == 17
    assert "17 woorden (meer dan 10)" in zin.problemen


def test_every_threshold_has_a_reason_and_b1_values_are_the_documented_ones() -> None:
    assert (B1.flesch_douma_min, B1.woorden_per_zin_max) == (70, 10)
    meting = analyseer("Ga naar binnen.")
    assert [t.naam for t in meting.oordeel.toetsen][:2] == [
        "flesch_douma_min",
        "woorden_per_zin_max",
    ]
    assert all(t.reden for t in meting.oordeel.toetsen)
    assert "70-80 = vrij makkelijk" in B1.reden("flesch_douma_min")
    assert "10 woorden" in B1.reden("woorden_per_zin_max")


def test_verdict_passes_easy_text_and_fails_hard_text() -> None:
    assert analyseer("Ga naar binnen. Doe ramen en deuren dicht.").oordeel.geslaagd
    moeilijk = analyseer(
        "Aan de bewoners van het getroffen gebied wordt dringend geadviseerd om in verband met "
        "de calamiteit de mechanische ventilatie uit te schakelen."
    )
    assert not moeilijk.oordeel.geslaagd
    gezakt = {t.naam for t in moeilijk.oordeel.toetsen if not t.ok}
    assert {"flesch_douma_min", "woorden_per_zin_max", "passief_max", "jargon_max"} <= gezakt
    streng = analyseer("Ga naar binnen.", drempels=Drempels(flesch_douma_min=120))
    assert not streng.oordeel.geslaagd


def test_bad_input_raises_dutch_errors() -> None:
    for leeg in ("", "   ", "...", "NL-Alert 22-11-2026 14:30:"):
        with pytest.raises(LegeTekst):
            analyseer(leeg)
    with pytest.raises(AlleenNederlands, match="Flesch-Douma is een formule voor Nederlandse"):
        analyseer("Go inside.", taal="en")
    with pytest.raises(OnbekendeTaal):
        analyseer("Ga naar binnen.", taal="xx")


def test_to_dict_is_json_with_rounded_scores() -> None:
    data = json.loads(json.dumps(analyseer("Er is een calamiteit. Ga weg.").to_dict()))
    assert data["flesch_douma"] == round(data["flesch_douma"], 2)
    assert data["per_zin"][0]["jargon"][0]["woord"] == "calamiteit"
    assert data["oordeel"]["toetsen"][0]["naam"] == "flesch_douma_min"


def _eindig(meting: Leesbaarheid) -> bool:
    getallen = [meting.flesch_douma, meting.woorden_per_zin, meting.lettergrepen_per_woord]
    getallen += [z.flesch_douma for z in meting.per_zin]
    return all(math.isfinite(x) for x in getallen) and meting.woorden > 0


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet="aeioubcdklmnprstëé .,!?:/-1234\n'"),
        st.lists(st.sampled_from(["Ga", "naar", "crisis.nl", "14:30", "bijv.", "NL-Alert",
                                  "wordt", "gesloten", "GHOR", ".", "22-11-2026", "\n"]))
        .map(" ".join),
    )
)  # fmt: skip
def test_any_text_either_measures_finitely_or_is_empty(tekst: str) -> None:
    try:
        meting = analyseer(tekst)
    except LegeTekst:
        # Only when nothing after the header has a letter or a digit, so nothing is a word.
        rest = tekst[KOP.match(tekst).end() :]  # type: ignore[union-attr]
        assert not any(c.isalpha() or c.isdigit() for c in rest)
        return
    assert _eindig(meting)
    json.dumps(meting.to_dict())


# The catalogue's example of every field, with the long place name the content test requires.
VELDEN = {**{n: v.voorbeeld for n, v in velden().items()}, "plaats": PLAATS}
PERSPECTIEVEN = list(catalogus().values())


@pytest.mark.parametrize("register", list(Register), ids=str)
@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=lambda p: p.id)
def test_every_b1_text_passes_the_b1_thresholds(
    p: Handelingsperspectief, register: Register
) -> None:
    tekst = " ".join(t.voor(register) % VELDEN for t in p.b1)
    meting = analyseer(tekst, negeer=[PLAATS, VELDEN["naam"]])
    gezakt = [f"{t.naam}={t.waarde:.2f}" for t in meting.oordeel.toetsen if not t.ok]
    assert not gezakt, (tekst, gezakt)


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=lambda p: p.id)
def test_every_composed_b1_message_passes_with_header_and_link(
    p: Handelingsperspectief, moment: datetime
) -> None:
    bericht = compose(
        p, {v: VELDEN[v] for v in p.verplichte_velden}, talen=["nl"], variant=Variant.B1,
        tijd=moment,
    )  # fmt: skip
    meting = analyseer(bericht.tekst, negeer=[PLAATS, VELDEN["naam"]])
    assert meting.kop.startswith("NL-Alert 22-11-2026 14:30")
    assert meting.oordeel.geslaagd, [t for t in meting.oordeel.toetsen if not t.ok]


@pytest.mark.parametrize("modus", ["oefening", "test"])
def test_the_composers_markers_are_header_not_hard_sentences(modus: str) -> None:
    from berichten import BerichtSoort, Herkomst, Modus, compose
    from handelingsperspectieven import perspectief

    velden = {"plaats": "Moerdijk", "link": "crisis.nl"}
    origineel = compose("brand-rook", velden, talen=["nl"], modus=Modus(modus))
    herkomst = Herkomst.van(origineel)
    tekst = compose(
        "brand-rook",
        {**velden, "plaats": "Klundert"},
        talen=["nl"],
        modus=Modus(modus),
        soort=BerichtSoort.UPDATE,
        herkomst=herkomst,
    ).tekst
    meting = analyseer(tekst, negeer=["Klundert"])
    assert "UPDATE 1" in meting.kop
    assert ("OEFENING" if modus == "oefening" else "TESTBERICHT") in meting.kop
    assert perspectief("brand-rook").vervolg.je % {"plaats": "Klundert"} in [
        z.tekst for z in meting.per_zin
    ]
    assert not any("OEFENING" in z.tekst or "TESTBERICHT" in z.tekst for z in meting.per_zin)
