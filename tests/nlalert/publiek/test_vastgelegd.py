"""What went out stays what the public reads: the CAP document is pinned at send time, so a
later catalogue change alters neither the feed, the CAP download nor the incident page."""

from __future__ import annotations

import dataclasses
import importlib

import feedparser
import pytest
from flask.testing import FlaskClient

from berichten.cap import valideer
from handelingsperspectieven import Handelingsperspectief
from handelingsperspectieven.model import Tekst
from nlalert.publiek import incidenten
from tests.nlalert.publiek.conftest import Zender, echt

# `berichten.compose` the module (the package exports the function under the same name).
compose_module = importlib.import_module("berichten.compose")
NIEUW = "Nieuwe catalogustekst over %(plaats)s."


def _verander_catalogus(monkeypatch: pytest.MonkeyPatch) -> None:
    """The category's what/where sentence is rewritten after the send, as a catalogue edit would."""
    echte = compose_module.perspectief

    def gewijzigd(categorie: str) -> Handelingsperspectief:
        return dataclasses.replace(echte(categorie), wat=Tekst(je=NIEUW, u=NIEUW))

    monkeypatch.setattr(compose_module, "perspectief", gewijzigd)


def test_feed_cap_and_page_keep_the_sent_text_after_a_catalogue_change(
    zender: Zender, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alert = zender.verzonden(echt())
    cap_toen = client.get(f"/publiek/cap/{alert}.xml").data
    pagina_toen = client.get(f"/publiek/{alert}/").get_data(as_text=True)
    kaart_toen = client.get(f"/publiek/{alert}/beeld-en.svg").data
    scherm_toen = client.get("/publiek/scherm.json?taal=en").get_json()["berichten"]
    assert b"Nieuwe catalogustekst" not in cap_toen

    _verander_catalogus(monkeypatch)
    # The change is real: a bericht composed now says the new sentence.
    with zender.app.app_context():
        nu = incidenten.zoals_verzonden(zender.db, zender.concept(echt()))
    assert "Nieuwe catalogustekst over Utrecht" in nu.taaltekst("nl").tekst

    cap = client.get(f"/publiek/cap/{alert}.xml")
    assert cap.status_code == 200 and cap.data == cap_toen
    assert valideer(cap.data) == []
    pagina = client.get(f"/publiek/{alert}/").get_data(as_text=True)
    assert "Nieuwe catalogustekst" not in pagina
    assert pagina == pagina_toen
    assert client.get(f"/publiek/{alert}/beeld-en.svg").data == kaart_toen
    assert client.get("/publiek/scherm.json?taal=en").get_json()["berichten"] == scherm_toen
    feed = feedparser.parse(client.get("/publiek/cap.atom").data)
    (entry,) = feed.entries
    assert "Nieuwe catalogustekst" not in entry.summary + entry.title
    assert entry.summary in cap_toen.decode("utf-8")


def test_a_bericht_sent_before_pinning_is_composed_from_its_stored_content(
    zender: Zender, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alert = zender.verzonden(echt())
    zender.db.execute("UPDATE berichten SET vastgelegd = NULL WHERE id = ?", (alert,))
    zender.db.commit()
    _verander_catalogus(monkeypatch)
    cap = client.get(f"/publiek/cap/{alert}.xml")
    assert cap.status_code == 200 and valideer(cap.data) == []
    assert "Nieuwe catalogustekst over Utrecht" in cap.get_data(as_text=True)
    pagina = client.get(f"/publiek/{alert}/").get_data(as_text=True)
    assert "Nieuwe catalogustekst over Utrecht" in pagina


def test_pinning_is_in_the_audit_log_with_the_pinned_value_s_hash(zender: Zender) -> None:
    """A later write to the column, by anyone with database access, no longer matches the log."""
    import hashlib
    import json

    alert = zender.verzonden(echt())
    waarde = zender.db.execute("SELECT vastgelegd FROM berichten WHERE id = ?", (alert,)).fetchone()
    (rij,) = zender.db.execute(
        "SELECT details FROM audit WHERE actie = 'vastgelegd' AND bericht_id = ?", (alert,)
    ).fetchall()
    assert json.loads(rij["details"])["sha256"] == hashlib.sha256(waarde[0].encode()).hexdigest()


def test_a_failure_to_pin_never_costs_the_send(
    zender: Zender,
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Pinning runs after the CBC holds the alert: when it fails, the send still closes as sent,
    the failure is logged, nothing is pinned or audited as pinned, and the public side composes
    the text from the stored content instead."""
    from nlalert.publiek import vastleggen

    def kapot(*args: object, **kwargs: object) -> None:
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(vastleggen, "leg_vast", kapot)
    alert = zender.verzonden(echt())  # asserts the bericht closed as sent
    waarde = zender.db.execute("SELECT vastgelegd FROM berichten WHERE id = ?", (alert,)).fetchone()
    assert waarde[0] is None
    assert not zender.db.execute(
        "SELECT 1 FROM audit WHERE actie = 'vastgelegd' AND bericht_id = ?", (alert,)
    ).fetchall()
    assert f"vastleggen van bericht {alert}" in caplog.text
    cap = client.get(f"/publiek/cap/{alert}.xml")
    assert cap.status_code == 200 and valideer(cap.data) == []
    assert client.get(f"/publiek/{alert}/").status_code == 200
