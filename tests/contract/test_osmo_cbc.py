"""The client against a real osmo-cbc: runs only when OSMO_CBC_URL is set (e.g. http://host:12345).

Uses the EU-Alert exercise identifier 4381, never a real alert channel, and always cancels.
"""

from __future__ import annotations

import os

import pytest

from berichten.paginas import encode
from nlalert.cbc import Categorie, CBCClient, CBCWeigert, Serienummer, Uitzending

OSMO_CBC_URL = os.environ.get("OSMO_CBC_URL", "")
pytestmark = [
    pytest.mark.osmo,
    pytest.mark.skipif(not OSMO_CBC_URL, reason="OSMO_CBC_URL is niet gezet"),
]


def test_submit_duplicate_and_cancel_against_osmo_cbc() -> None:
    paginas = encode("NL-Alert OEFENING. Dit is een test van nlalert. Geen actie nodig.", "nl")
    uitzending = Uitzending(
        message_id=4381,
        serial=Serienummer(msg_code=901, update_nr=0),
        dcs=paginas.dcs,
        page_hex=paginas.page_hex,
        category=Categorie.NORMAL,
        area={"circle": {"lat": 52.09, "lon": 5.12, "radius_km": 1}},  # osmo-cbc ignores it
    )
    # osmo-cbc waits up to 15 s for its cells before it answers.
    with CBCClient(OSMO_CBC_URL, timeout=(3.05, 30), retries=1) as client:
        try:
            resultaat = client.submit(uitzending)
            assert resultaat.aangemaakt
            with pytest.raises(CBCWeigert) as info:
                client.submit(uitzending)
            assert info.value.status == 409
        finally:
            gestopt = client.cancel(4381)
        assert gestopt.aangemaakt
        with pytest.raises(CBCWeigert) as info:
            client.cancel(4381)
        assert info.value.status == 404
