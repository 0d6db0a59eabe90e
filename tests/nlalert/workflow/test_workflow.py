"""The four-eyes state machine, without Flask or a database."""

from __future__ import annotations

import dataclasses
import zlib
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berichten.modus import BerichtSoort
from nlalert.accounts.gebruikers import Gebruiker, GeenRecht, Rol
from nlalert.koppelingen.doel import Doel
from nlalert.workflow import codes, model
from nlalert.workflow import stappen as workflow
from nlalert.workflow.model import (
    BerichtRecord,
    EigenGoedkeuringVerboden,
    OngeldigeOvergang,
    RedenVerplicht,
    Status,
    TrainingAlleenOefening,
    Verouderd,
)
from tests.nlalert.conftest import inhoud

NU = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def persoon(naam: str, rol: Rol, *, training: bool = False) -> Gebruiker:
    return Gebruiker(
        id=zlib.crc32(naam.encode()) & 0xFFFF,  # the same in every process, unlike hash()
        naam=naam,
        rol=rol,
        training=training,
        moet_wachtwoord_wijzigen=False,
        wachtwoord_kenmerk="x",
    )


ANNA = persoon("anna", Rol.OPSTELLER)
GERT = persoon("gert", Rol.GOEDKEURDER)
BEA = persoon("bea", Rol.BEHEER)
RIA = persoon("ria", Rol.REVIEWER)


def ingediend(door: Gebruiker = ANNA, **anders: object) -> BerichtRecord:
    r = workflow.maak(inhoud(**anders), door, message_code=7, nu=NU)
    return workflow.dien_in(dataclasses.replace(r, id=1), door, nu=NU)


def goedgekeurd(door: Gebruiker = ANNA) -> BerichtRecord:
    r = ingediend(door)
    return workflow.keur_goed(r, GERT, gezien_hash=r.inhoud_hash, nu=NU)


def test_happy_path_ends_sent() -> None:
    r = goedgekeurd()
    r = workflow.begin_verzending(r, ANNA, doel=Doel.CBC, origineel=None, nu=NU)
    assert (r.status, r.verzendpogingen) == (Status.VERZENDEN, 1)
    r = workflow.verzending_klaar(
        r, Status.VERZONDEN, resultaat={"ok": True}, eindigt=None, cap_identifier="X", nu=NU
    )
    assert r.status == Status.VERZONDEN and r.goedkeurder == "gert" and r.verzonden_op == NU


@pytest.mark.parametrize("rol", [Rol.GOEDKEURDER, Rol.BEHEER])
def test_self_approval_refused_for_every_role_that_may_approve(rol: Rol) -> None:
    schrijver = persoon("zelf", rol)
    r = workflow.maak(inhoud(), persoon("zelf", Rol.BEHEER), message_code=1, nu=NU)
    r = workflow.dien_in(dataclasses.replace(r, id=1), persoon("zelf", Rol.BEHEER), nu=NU)
    with pytest.raises(EigenGoedkeuringVerboden) as fout:
        workflow.keur_goed(r, schrijver, gezien_hash=r.inhoud_hash, nu=NU)
    assert "zelf" in fout.value.bericht


@pytest.mark.parametrize("rol", [Rol.OPSTELLER, Rol.REVIEWER])
def test_roles_without_the_right_cannot_approve(rol: Rol) -> None:
    r = ingediend(persoon("iemand", Rol.OPSTELLER))
    with pytest.raises(GeenRecht):
        workflow.keur_goed(r, persoon("ander", rol), gezien_hash=r.inhoud_hash, nu=NU)


def test_an_editor_counts_as_author_and_cannot_approve() -> None:
    r = workflow.maak(inhoud(), ANNA, message_code=1, nu=NU)
    r = workflow.bewerk(
        dataclasses.replace(r, id=1),
        inhoud(velden={"plaats": "Zeist", "link": "crisis.nl"}),
        BEA,
        nu=NU,
    )
    r = workflow.dien_in(r, ANNA, nu=NU)
    with pytest.raises(EigenGoedkeuringVerboden):
        workflow.keur_goed(r, BEA, gezien_hash=r.inhoud_hash, nu=NU)


def test_training_self_approval_only_when_bericht_and_user_are_in_training() -> None:
    trainee = persoon("tim", Rol.BEHEER, training=True)
    r = ingediend(trainee)
    assert r.training
    goed = workflow.keur_goed(r, trainee, gezien_hash=r.inhoud_hash, nu=NU)
    assert goed.status == Status.GOEDGEKEURD
    # The same person out of training mode may not approve their own training bericht...
    with pytest.raises(EigenGoedkeuringVerboden):
        workflow.keur_goed(r, persoon("tim", Rol.BEHEER), gezien_hash=r.inhoud_hash, nu=NU)
    # ...and a real bericht stays four-eyes even if its author later switches training on.
    echt = ingediend(persoon("tim", Rol.BEHEER))
    with pytest.raises(GeenRecht):
        workflow.keur_goed(echt, trainee, gezien_hash=echt.inhoud_hash, nu=NU)


def test_a_drafter_in_training_practises_the_whole_flow_alone() -> None:
    trainee = persoon("tim", Rol.OPSTELLER, training=True)
    r = ingediend(trainee)
    assert (
        workflow.keur_goed(r, trainee, gezien_hash=r.inhoud_hash, nu=NU).status
        == Status.GOEDGEKEURD
    )
    # Out of training the same drafter has no approve right at all, not even for others' work.
    anders = ingediend()  # drafted by anna
    with pytest.raises(GeenRecht):
        workflow.keur_goed(
            anders, persoon("tim", Rol.OPSTELLER), gezien_hash=anders.inhoud_hash, nu=NU
        )
    # In training, a real bericht stays untouchable.
    with pytest.raises(GeenRecht):
        workflow.keur_goed(anders, trainee, gezien_hash=anders.inhoud_hash, nu=NU)


def test_approval_is_bound_to_the_content_seen() -> None:
    r = ingediend()
    with pytest.raises(Verouderd):
        workflow.keur_goed(r, GERT, gezien_hash="0" * 64, nu=NU)


@pytest.mark.parametrize("reden", ["", "   ", "x" * 1001])
def test_return_needs_a_reason(reden: str) -> None:
    with pytest.raises(RedenVerplicht):
        workflow.stuur_terug(ingediend(), GERT, reden=reden, nu=NU)


def test_returned_bericht_can_be_edited_and_resubmitted() -> None:
    r = workflow.stuur_terug(ingediend(), GERT, reden="plaatsnaam ontbreekt", nu=NU)
    assert (r.status, r.teruggestuurd_reden) == (Status.TERUGGESTUURD, "plaatsnaam ontbreekt")
    r = workflow.bewerk(
        r, inhoud(velden={"plaats": "Utrecht-Oost", "link": "crisis.nl"}), ANNA, nu=NU
    )
    r = workflow.dien_in(r, ANNA, nu=NU)
    assert r.status == Status.INGEDIEND and r.teruggestuurd_reden is None


@pytest.mark.parametrize("stap", ["concept", "ingediend", "teruggestuurd"])
def test_send_only_after_approval(stap: str) -> None:
    r = workflow.maak(inhoud(), ANNA, message_code=1, nu=NU)
    r = dataclasses.replace(r, id=1, status=Status(stap))
    with pytest.raises(OngeldigeOvergang):
        workflow.begin_verzending(r, ANNA, doel=Doel.CBC, origineel=None, nu=NU)


def test_only_concept_or_returned_can_be_edited_and_only_by_author_or_beheer() -> None:
    r = ingediend()
    with pytest.raises(OngeldigeOvergang):
        workflow.bewerk(r, inhoud(), ANNA, nu=NU)
    concept = dataclasses.replace(workflow.maak(inhoud(), ANNA, message_code=1, nu=NU), id=1)
    with pytest.raises(GeenRecht):
        workflow.bewerk(concept, inhoud(), persoon("otto", Rol.OPSTELLER), nu=NU)
    with pytest.raises(GeenRecht):
        workflow.bewerk(concept, inhoud(), RIA, nu=NU)


def test_failed_send_keeps_approval_and_retries_with_same_serial() -> None:
    r = workflow.begin_verzending(goedgekeurd(), ANNA, doel=Doel.CBC, origineel=None, nu=NU)
    r = workflow.verzending_klaar(
        r,
        Status.VERZENDFOUT,
        resultaat={"fouten": ["time-out"]},
        eindigt=None,
        cap_identifier=None,
        nu=NU,
    )
    assert r.status == Status.VERZENDFOUT and r.goedkeurder == "gert"
    opnieuw = workflow.begin_verzending(r, GERT, doel=Doel.CBC, origineel=None, nu=NU)
    assert (opnieuw.message_code, opnieuw.update_nummer) == (r.message_code, r.update_nummer)
    assert opnieuw.verzendpogingen == 2


def test_training_bericht_with_modus_echt_is_rejected_at_create() -> None:
    with pytest.raises(TrainingAlleenOefening):
        workflow.maak(
            inhoud(modus="echt"),
            persoon("tim", Rol.OPSTELLER, training=True),
            message_code=1,
            nu=NU,
        )


def test_training_bericht_never_goes_to_a_real_cbc() -> None:
    trainee = persoon("tim", Rol.BEHEER, training=True)
    r = ingediend(trainee)
    r = workflow.keur_goed(r, trainee, gezien_hash=r.inhoud_hash, nu=NU)
    with pytest.raises(TrainingAlleenOefening):
        workflow.begin_verzending(r, trainee, doel=Doel.CBC, origineel=None, nu=NU)
    # Even if someone rewrote the stored content behind the workflow's back.
    vervalst = dataclasses.replace(r, inhoud={**r.inhoud, "modus": "echt"})
    with pytest.raises(TrainingAlleenOefening):
        workflow.begin_verzending(vervalst, trainee, doel=Doel.SIMULATOR, origineel=None, nu=NU)


def verzonden(update_nummer: int = 0) -> BerichtRecord:
    r = workflow.begin_verzending(goedgekeurd(), ANNA, doel=Doel.CBC, origineel=None, nu=NU)
    r = workflow.verzending_klaar(
        r, Status.VERZONDEN, resultaat={}, eindigt=None, cap_identifier="X", nu=NU
    )
    return dataclasses.replace(r, update_nummer=update_nummer)


@pytest.mark.parametrize(("voor", "na"), [(0, 1), (14, 15), (15, 0)])
def test_update_numbering_wraps_at_16_and_keeps_message_code(voor: int, na: int) -> None:
    origineel = verzonden(voor)
    update = workflow.maak_vervolg(origineel, BerichtSoort.UPDATE, origineel.inhoud, ANNA, nu=NU)
    assert (update.update_nummer, update.message_code) == (na, origineel.message_code)
    assert update.inhoud["origineel_id"] == origineel.id and update.status == Status.CONCEPT


def test_cancel_references_original_and_marks_it_withdrawn_once_sent() -> None:
    origineel = verzonden()
    intrekking = workflow.maak_vervolg(
        origineel, BerichtSoort.CANCEL, origineel.inhoud, ANNA, nu=NU
    )
    r = workflow.dien_in(dataclasses.replace(intrekking, id=2), ANNA, nu=NU)
    r = workflow.keur_goed(r, GERT, gezien_hash=r.inhoud_hash, nu=NU)
    r = workflow.begin_verzending(r, ANNA, doel=Doel.CBC, origineel=origineel, nu=NU)
    r = workflow.verzending_klaar(
        r, Status.VERZONDEN, resultaat={}, eindigt=None, cap_identifier=None, nu=NU
    )
    assert workflow.opgevolgd(origineel, r, nu=NU).status == Status.INGETROKKEN


def test_an_all_clear_replaces_the_original_and_keeps_its_codes() -> None:
    origineel = dataclasses.replace(verzonden(), taalcodes={"de": 8, "ar": 9})
    einde = workflow.maak_vervolg(origineel, BerichtSoort.EINDE, origineel.inhoud, ANNA, nu=NU)
    assert einde.taalcodes == {"de": 8, "ar": 9} and einde.update_nummer == 1
    r = workflow.dien_in(dataclasses.replace(einde, id=2), ANNA, nu=NU)
    r = workflow.keur_goed(r, GERT, gezien_hash=r.inhoud_hash, nu=NU)
    r = workflow.begin_verzending(r, ANNA, doel=Doel.CBC, origineel=origineel, nu=NU)
    r = workflow.verzending_klaar(
        r, Status.VERZONDEN, resultaat={}, eindigt=None, cap_identifier=None, nu=NU
    )
    assert workflow.opgevolgd(origineel, r, nu=NU).status == Status.VERVANGEN


@pytest.mark.parametrize("soort", [BerichtSoort.UPDATE, BerichtSoort.EINDE, BerichtSoort.CANCEL])
@pytest.mark.parametrize(("van", "naar"), [("oefening", "echt"), ("echt", "test")])
def test_a_follow_up_keeps_the_mode_of_what_it_follows(
    soort: BerichtSoort, van: str, naar: str
) -> None:
    origineel = dataclasses.replace(verzonden(), inhoud={**inhoud(), "modus": van})
    with pytest.raises(model.ModusWijktAf) as info:
        workflow.maak_vervolg(origineel, soort, {**origineel.inhoud, "modus": naar}, ANNA, nu=NU)
    assert van in info.value.bericht and naar in info.value.bericht


def test_a_stuck_send_can_be_closed_only_by_someone_who_may_send() -> None:
    r = workflow.begin_verzending(goedgekeurd(), GERT, doel=Doel.CBC, origineel=None, nu=NU)
    r = workflow.verzending_klaar(
        r, Status.ONBEKEND, resultaat={}, eindigt=None, cap_identifier=None, nu=NU
    )
    with pytest.raises(GeenRecht):
        workflow.sluit(r, RIA, nu=NU)
    assert workflow.sluit(r, GERT, nu=NU).status == Status.INGETROKKEN
    with pytest.raises(OngeldigeOvergang):
        workflow.sluit(verzonden(), GERT, nu=NU)  # on air: withdraw it through approval


def test_every_further_language_gets_a_free_code_and_keeps_it() -> None:
    gekozen = codes.taalcodes_voor(["nl", "en", "de", "ar"], {}, {5, 6, 7}, 4)
    assert set(gekozen) == {"en", "de", "ar"}
    assert not set(gekozen.values()) & {5, 6, 7} and len(set(gekozen.values())) == 3
    opnieuw = codes.taalcodes_voor(["nl", "de", "uk"], gekozen, {5, 6, 7}, 9)
    assert opnieuw["de"] == gekozen["de"] and "ar" not in opnieuw and "en" not in opnieuw
    assert opnieuw["uk"] not in {5, 6, 7, gekozen["de"]}
    assert codes.taalcodes_voor(["de", "fr"], {}, set(), None).keys() == {"fr"}


def test_follow_up_only_of_a_sent_bericht() -> None:
    with pytest.raises(OngeldigeOvergang):
        workflow.maak_vervolg(goedgekeurd(), BerichtSoort.UPDATE, inhoud(), ANNA, nu=NU)


def test_create_refuses_update_or_cancel_kind() -> None:
    with pytest.raises(GeenRecht):
        workflow.maak(inhoud(soort="update"), ANNA, message_code=1, nu=NU)


@given(
    bezet=st.sets(st.integers(0, 1023), max_size=1023),
    laatste=st.none() | st.integers(0, 1023),
)
def test_next_message_code_is_free_and_in_range(bezet: set[int], laatste: int | None) -> None:
    code = codes.volgende_message_code(bezet, laatste)
    assert 0 <= code < 1024 and code not in bezet


def test_no_message_code_left() -> None:
    with pytest.raises(model.GeenMessageCodeVrij):
        codes.volgende_message_code(range(1024), None)
