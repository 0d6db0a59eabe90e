"""An alert as a set of broadcasts: extra languages, their channels and message codes."""

from __future__ import annotations

from datetime import datetime

from berichten import BerichtSoort, Herkomst, Instellingen, Modus, Variant, compose
from handelingsperspectieven import perspectief, voorbeeldvelden

VELDEN = {"plaats": "Moerdijk", "link": "crisis.nl"}


def test_extra_sentence_is_not_silently_dropped_from_other_languages(moment: datetime) -> None:
    b = compose(
        "brand-rook", {**VELDEN, "extra": "De A16 is dicht."}, tijd=moment, talen=["nl", "de"]
    )
    assert "De A16 is dicht." in b.taaltekst("nl").tekst
    assert any(w.code == "extra-niet-vertaald" and w.taal == "de" for w in b.waarschuwingen)
    b = compose(
        "brand-rook",
        {**VELDEN, "extra": "De A16 is dicht.", "extra_de": "Die A16 ist gesperrt."},
        tijd=moment,
        talen=["nl", "de"],
    )
    assert "Die A16 ist gesperrt." in b.taaltekst("de").tekst
    assert not any(w.code == "extra-niet-vertaald" for w in b.waarschuwingen)


def test_extra_languages_on_the_additional_channel_for_alerts_and_follow_ups(
    moment: datetime,
) -> None:
    from berichten import Instellingen

    inst = Instellingen(extra_taal_kanaal=True)
    # Public safety (Moderate): 4396 locally, 4397 for additional languages, also in an update.
    b = compose(
        "drinkwater-koken",
        voorbeeldvelden(perspectief("drinkwater-koken")),
        tijd=moment,
        talen=["nl", "de"],
        instellingen=inst,
    )
    assert (b.message_identifier, b.taaltekst("de").message_identifier) == (4396, 4397)
    update = compose(
        "drinkwater-koken",
        voorbeeldvelden(perspectief("drinkwater-koken")),
        tijd=moment,
        talen=["nl", "de"],
        instellingen=inst,
        soort=BerichtSoort.UPDATE,
        herkomst=Herkomst.van(b),
    )
    assert update.taaltekst("de").message_identifier == 4397
    # Its own message code on its own channel too, and the same code as the broadcast it updates.
    assert update.taaltekst("de").serial.message_code != update.serial.message_code
    assert update.taaltekst("de").serial.message_code == b.taaltekst("de").serial.message_code
    assert update.taaltekst("de").serial.update_number == 1


def test_an_alert_is_a_set_of_broadcasts_each_with_its_own_serial_number(
    moment: datetime,
) -> None:
    b = compose(
        "brand-rook",
        VELDEN,
        tijd=moment,
        modus=Modus.OEFENING,
        talen=["nl", "en", "de", "ar"],
        berichtcode=40,
        taalcodes={"de": 41, "ar": 42},
    )
    assert [(u.talen, u.message_identifier) for u in b.uitzendingen] == [
        (("nl", "en"), 4381),
        (("de",), 4394),
        (("ar",), 4394),
    ]
    assert [u.serial.message_code for u in b.uitzendingen] == [40, 41, 42]
    assert b.uitzendingen[0].tekst == b.tekst and b.uitzendingen[0].cb == b.cb
    assert b.uitzendingen[2].cb == b.taaltekst("ar").cb
    # Phones dedupe on (message identifier, serial number): no two broadcasts may share both.
    assert len({(u.message_identifier, u.serial.waarde) for u in b.uitzendingen}) == 3
    apart = compose(
        "brand-rook",
        VELDEN,
        tijd=moment,
        talen=["nl", "en"],
        instellingen=Instellingen(engels_in_zelfde_bericht=False),
    )
    assert [u.talen for u in apart.uitzendingen] == [("nl",), ("en",)]
    op_lokaal_kanaal = compose(
        "brand-rook",
        VELDEN,
        tijd=moment,
        talen=["nl", "de"],
        instellingen=Instellingen(extra_taal_kanaal=False),
    )
    a, b_ = op_lokaal_kanaal.uitzendingen
    assert a.message_identifier == b_.message_identifier
    assert a.serial != b_.serial


def test_the_dutch_broadcast_can_be_easy_dutch_while_other_languages_stay_standard(
    moment: datetime,
) -> None:
    b = compose("brand-rook", VELDEN, tijd=moment, talen=["nl", "en"], nederlands=Variant.B1)
    assert "Doe ramen en deuren dicht." in b.tekst  # B1 wording in the broadcast itself
    assert " *** " in b.tekst and "Close windows and doors." in b.tekst
    assert b.uitzendingen[0].tekst == b.tekst
    assert b.nederlands is Variant.B1


def test_a_cancel_puts_nothing_on_air_and_an_all_clear_repeats_no_line_of_the_alert(
    moment: datetime,
) -> None:
    velden = {**VELDEN, "sinds": "14:05", "extra": "De A16 is dicht."}
    alert = compose("brand-rook", velden, tijd=moment, talen=["nl", "en", "de"])
    einde = compose(
        "brand-rook",
        velden,
        tijd=moment,
        talen=["nl", "en", "de"],
        soort=BerichtSoort.EINDE,
        herkomst=Herkomst.van(alert),
    )
    assert len(einde.uitzendingen) == 2 and einde.serial.update_number == 1
    zinnen_alert = {
        z for t in alert.talen for z in t.tekst.split(": ", 1)[1].split(". ") if z.strip()
    }
    for t in einde.talen:
        for zin in t.tekst.split(": ", 1)[1].split(". "):
            assert zin not in zinnen_alert, (t.taal, zin)
    assert einde.volledigheid.compleet is False  # no sender given; the rest holds
    assert einde.volledigheid.actie.ok and einde.volledigheid.meer_info.ok
    intrekking = compose(
        "brand-rook", velden, tijd=moment, soort=BerichtSoort.CANCEL, herkomst=Herkomst.van(alert)
    )
    assert intrekking.uitzendingen == ()


def test_an_extra_languages_message_code_does_not_depend_on_the_list(moment: datetime) -> None:
    een = compose("brand-rook", VELDEN, tijd=moment, talen=["nl", "en", "de", "ar"])
    ander = compose("brand-rook", VELDEN, tijd=moment, talen=["nl", "ar", "de"])
    for taal in ("de", "ar"):
        assert een.taaltekst(taal).serial == ander.taaltekst(taal).serial
