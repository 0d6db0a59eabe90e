"""Composing a Bericht: structure, languages, modes, message types and identifiers."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from berichten import (
    Afzender,
    BerichtSoort,
    Herkomst,
    InvalidCombination,
    InvalidField,
    MissingField,
    Modus,
    Variant,
    compose,
    decode,
)
from handelingsperspectieven import (
    OnbekendeCategorie,
    Register,
    catalogus,
    voorbeeldvelden,
)
from vertalingen import OnbekendeTaal

VELDEN = {"plaats": "Moerdijk", "link": "crisis.nl"}


def origineel(moment: datetime, **anders: object) -> Herkomst:
    """A sent real brand-rook alert (channel 4375) to update or cancel."""
    basis = Herkomst(
        identifier="X",
        sender="s",
        sent=moment,
        message_identifier=4375,
        message_code=7,
        update_nummer=0,
        velden=VELDEN,
    )
    return dataclasses.replace(basis, **anders)


def test_alert_has_header_dutch_then_english_after_separator(moment: datetime) -> None:
    b = compose("brand-rook", VELDEN, tijd=moment)
    assert b.tekst.startswith("NL-Alert 22-11-2026 14:30: Grote brand met veel rook in Moerdijk.")
    nl, en = b.tekst.split(" *** ")
    assert "Meer informatie op crisis.nl." in nl
    assert not en.startswith("NL-Alert")  # the English block follows without a second header
    assert [t.taal for t in b.talen] == ["nl", "en"]


def test_header_is_amsterdam_time_whatever_the_input_zone() -> None:
    b = compose("brand-rook", VELDEN, tijd=datetime(2026, 7, 1, 10, 5, tzinfo=UTC))
    assert b.tekst.startswith("NL-Alert 01-07-2026 12:05:")  # CEST is UTC+2


def test_naive_time_is_taken_as_amsterdam() -> None:
    b = compose("brand-rook", VELDEN, tijd=datetime(2026, 1, 5, 9, 0))
    assert b.tekst.startswith("NL-Alert 05-01-2026 09:00:")
    assert b.tijd.utcoffset() is not None


def test_actions_in_catalogue_order(moment: datetime) -> None:
    nl = compose("brand-rook", VELDEN, tijd=moment, talen=["nl"]).tekst
    posities = [
        nl.index(z)
        for z in (
            "Blijf uit de rook.",
            "Ga naar binnen.",
            "Sluit ramen en deuren.",
            "Zet ventilatie uit.",
        )
    ]
    assert posities == sorted(posities)


@pytest.mark.parametrize("modus", [Modus.OEFENING, Modus.TEST])
def test_exercise_and_test_are_marked_in_every_language_and_never_4370(
    modus: Modus, moment: datetime
) -> None:
    for categorie in catalogus().values():
        if categorie.vaste_modus and categorie.vaste_modus != modus.value:
            continue
        b = compose(
            categorie,
            voorbeeldvelden(categorie),
            tijd=moment,
            modus=modus,
            talen=["nl", "en", "de"],
        )
        assert b.message_identifier in ((4381,) if modus is Modus.OEFENING else (4380,))
        for t in b.talen:
            assert t.message_identifier != 4370
            marker = {
                "oefening": {"nl": "OEFENING", "en": "EXERCISE", "de": "ÜBUNG"},
                "test": {"nl": "TEST", "en": "TEST", "de": "TEST"},
            }
            assert marker[modus.value][t.taal] in t.tekst.upper(), (categorie.id, t.taal, t.tekst)


def test_controlebericht_is_always_a_test() -> None:
    b = compose("controlebericht", {})
    assert b.modus is Modus.TEST and b.message_identifier == 4380
    with pytest.raises(InvalidCombination):
        compose("controlebericht", {}, modus=Modus.ECHT)


def test_update_names_what_changed_and_increments_update_number(moment: datetime) -> None:
    eerste = compose("brand-rook", VELDEN, tijd=moment)
    herkomst = Herkomst.van(eerste)
    update = compose(
        "brand-rook",
        {**VELDEN, "plaats": "Moerdijk en Klundert"},
        tijd=moment,
        soort=BerichtSoort.UPDATE,
        herkomst=herkomst,
        talen=["nl"],
    )
    assert update.serial.update_number == 1
    assert update.serial.message_code == eerste.serial.message_code
    assert update.message_identifier == eerste.message_identifier
    assert update.wijzigingen == ("plaats",)
    assert update.tekst.startswith(
        "NL-Alert 22-11-2026 14:30: UPDATE 1: De brand in Moerdijk en Klundert is nog niet"
    )
    assert "Gewijzigd" not in update.tekst  # a form label tells a resident nothing


def test_an_update_puts_the_changed_sentence_first_in_every_language(moment: datetime) -> None:
    eerste = compose("brand-rook", {**VELDEN, "sinds": "14:05"}, tijd=moment, talen=["nl", "de"])
    update = compose(
        "brand-rook",
        {**VELDEN, "sinds": "13:50", "extra": "De A16 is dicht.", "extra_de": "Die A16 ist zu."},
        tijd=moment,
        soort=BerichtSoort.UPDATE,
        herkomst=Herkomst.van(eerste),
        talen=["nl", "de"],
    )
    assert update.wijzigingen == ("sinds", "extra", "extra_de")
    nl = update.taaltekst("nl").tekst
    assert nl.startswith(
        "NL-Alert 22-11-2026 14:30: UPDATE 1: Het begon om 13:50 uur. De A16 is dicht."
        " De brand in Moerdijk is nog niet onder controle."
    ), nl
    de = update.taaltekst("de").tekst
    assert de.index("13:50") < de.index("Die A16 ist zu.") < de.index("Moerdijk"), de
    # Nothing is lost or doubled: the same sentences as in an update that changed nothing.
    zonder = compose(
        "brand-rook",
        {**VELDEN, "sinds": "13:50", "extra": "De A16 is dicht.", "extra_de": "Die A16 ist zu."},
        tijd=moment,
        soort=BerichtSoort.UPDATE,
        herkomst=Herkomst.van(update),
        talen=["nl"],
    )
    assert zonder.wijzigingen == ()

    def zinnen(tekst: str) -> list[str]:
        return sorted(tekst.split(": ", 2)[2].split(". "))

    assert zinnen(nl) == zinnen(zonder.tekst)


def test_update_number_wraps_at_16(moment: datetime) -> None:
    herkomst = origineel(moment, update_nummer=15)
    b = compose("brand-rook", VELDEN, tijd=moment, soort=BerichtSoort.UPDATE, herkomst=herkomst)
    assert b.serial.update_number == 0


def test_cancel_gives_the_all_clear_and_references_the_original(moment: datetime) -> None:
    herkomst = origineel(moment, identifier="NLALERT-1", sender="vr@x", message_code=12)
    b = compose(
        "brand-rook",
        VELDEN,
        tijd=moment,
        soort=BerichtSoort.CANCEL,
        herkomst=herkomst,
        register=Register.U,
        talen=["nl"],
    )
    assert "De brand in Moerdijk is onder controle. U kunt ramen en deuren weer openen." in b.tekst
    assert "Ga naar binnen" not in b.tekst
    assert b.to_dict()["referenties"] == [f"vr@x,NLALERT-1,{moment.isoformat()}"]


def test_update_without_original_is_refused() -> None:
    with pytest.raises(InvalidCombination):
        compose("brand-rook", VELDEN, soort=BerichtSoort.UPDATE)


def test_exercise_update_of_a_real_alert_is_refused(moment: datetime) -> None:
    herkomst = origineel(moment)
    with pytest.raises(InvalidCombination):
        compose(
            "brand-rook", VELDEN, soort=BerichtSoort.UPDATE, herkomst=herkomst, modus=Modus.OEFENING
        )


def test_register_u_and_je_differ_where_the_text_addresses_the_reader(moment: datetime) -> None:
    herkomst = origineel(moment)
    je = compose(
        "brand-rook", VELDEN, soort=BerichtSoort.CANCEL, herkomst=herkomst, talen=["nl"]
    ).tekst
    u = compose(
        "brand-rook",
        VELDEN,
        soort=BerichtSoort.CANCEL,
        herkomst=herkomst,
        talen=["nl"],
        register=Register.U,
    ).tekst
    assert "Je kunt" in je and "U kunt" in u


def test_missing_required_field() -> None:
    with pytest.raises(MissingField) as info:
        compose("brand-rook", {"plaats": "Moerdijk"})
    assert info.value.name == "link"
    assert "verplicht" in info.value.bericht


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("link", "niet een link"),
        ("link", "javascript:alert(1)"),
        ("sinds", "25:00"),
        ("plaats", "a\nb"),
        ("plaats", "x" * 500),
        ("onbekend", "x"),
    ],
)
def test_bad_field_values_are_refused_with_a_reason(veld: str, waarde: str) -> None:
    with pytest.raises(InvalidField) as info:
        compose("brand-rook", {**VELDEN, veld: waarde})
    assert info.value.bericht


def test_unknown_category_and_language() -> None:
    with pytest.raises(OnbekendeCategorie):
        compose("bestaat-niet", VELDEN)
    with pytest.raises(OnbekendeTaal):
        compose("brand-rook", VELDEN, talen=["nl", "xx"])


def test_longest_fields_stay_within_15_pages_in_every_category_and_language(
    moment: datetime,
) -> None:
    """Field length limits are what keeps a composed Bericht under the hard 15-page limit."""
    from handelingsperspectieven import velden

    for p in catalogus().values():
        waarden = {}
        for naam in p.velden:
            veld = velden()[naam]
            waarden[naam] = {
                "link": "https://www.crisis.nl/" + "a" * (veld.max_lengte - 23),
                "telefoon": "0800-1234567",
                "sinds": "14:05",
                "tot": "18:00",
                "weg": "A999",  # the longest road number the field takes
            }.get(naam, "w" * veld.max_lengte)
        b = compose(
            p, waarden, tijd=moment, talen=["nl", "en", "de", "fr", "pap", "tr", "ar", "pl", "uk"]
        )
        assert len(b.cb.pages) <= 15
        assert all(len(t.cb.pages) <= 15 for t in b.talen)


def test_pages_decode_back_to_the_text(moment: datetime) -> None:
    b = compose("brand-rook", VELDEN, tijd=moment)
    assert decode(b.cb.pages, b.cb.dcs) == b.tekst
    for t in b.talen:
        assert decode(t.cb.pages, t.cb.dcs) == t.uitzendtekst


def test_other_languages_get_their_own_message_code_on_the_same_channel(moment: datetime) -> None:
    b = compose("brand-rook", VELDEN, tijd=moment, talen=["nl", "en", "de", "ar"])
    seriens = {(t.message_identifier, t.serial.waarde) for t in b.talen if t.taal in ("de", "ar")}
    assert len(seriens) == 2 and (b.message_identifier, b.serial.waarde) not in seriens


def test_arabic_is_recorded_right_to_left(moment: datetime) -> None:
    b = compose("brand-rook", VELDEN, tijd=moment, talen=["ar"])
    assert b.taaltekst("ar").richting == "rtl"
    assert b.taaltekst("ar").cb.encoding == "ucs2"


def test_b1_is_dutch_only_and_says_so(moment: datetime) -> None:
    b = compose("brand-rook", VELDEN, tijd=moment, variant=Variant.B1, talen=["nl", "en"])
    assert [t.taal for t in b.talen] == ["nl"]
    assert any(w.code == "b1-alleen-nl" for w in b.waarschuwingen)
    assert "Doe ramen en deuren dicht." in b.tekst


def test_missing_sender_is_a_visible_warning_and_incomplete(moment: datetime) -> None:
    b = compose("brand-rook", VELDEN, tijd=moment)
    assert any(w.code == "bron" for w in b.waarschuwingen)
    assert not b.volledigheid.compleet and not b.volledigheid.bron.ok
    b = compose(
        "brand-rook",
        VELDEN,
        tijd=moment,
        afzender=Afzender(naam="Veiligheidsregio Rotterdam-Rijnmond"),
    )
    assert b.volledigheid.compleet
