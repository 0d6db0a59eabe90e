"""The public addresses a composer can use as a message's link."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask, render_template_string

from berichten.velden import valideer
from handelingsperspectieven import perspectief
from nlalert.publiek import adressen


def test_the_public_address_follows_the_configuration(app: Flask) -> None:
    with app.test_request_context("/", base_url="https://nlalert.vr.example.nl"):
        assert adressen.publieke_url(12) == "https://nlalert.vr.example.nl/publiek/12/"
        assert adressen.publieke_url(12, oefening=True).endswith("/publiek/oefening/12/")
        # Templates (the compose screen's) can offer it as the link.
        assert render_template_string("{{ publieke_url(7) }}").endswith("/publiek/7/")
    app.config["PUBLIEK_URL"] = "https://www.vr.example.nl/nl-alert"
    with app.app_context():
        assert adressen.publieke_url(12) == "https://www.vr.example.nl/nl-alert/12/"
        # What the compose form's link field accepts, so it can be the message's link.
        url = adressen.publieke_url(12)
    assert valideer(perspectief("brand-rook"), {"plaats": "Utrecht", "link": url})["link"] == url


@pytest.mark.parametrize("dagen", ["abc", "-3", "0", "nan"])
def test_a_bad_look_back_setting_is_refused_when_the_app_is_built(
    tmp_path: Path, dagen: str
) -> None:
    """Not a 500 on every request to /publiek/: one clear line when the app starts."""
    from nlalert.app import create_app
    from nlalert.fouten import OngeldigeInvoer

    with pytest.raises(OngeldigeInvoer, match="NLALERT_PUBLIEK_DAGEN"):
        create_app(
            {"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"), "PUBLIEK_DAGEN": dagen}
        )
