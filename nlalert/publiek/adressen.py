"""The public addresses: one place that knows the shape of every path under /publiek/.

Paths are relative to the root of the public tree, so the same pages work served live under
/publiek/ and exported as static files to any folder. `NLALERT_PUBLIEK_URL` is where that tree
is reachable for the public (say https://www.veiligheidsregio.nl/nl-alert/); without it the live
app names its own /publiek/ address. A composer can use `publieke_url` as the message's link.
"""

from __future__ import annotations

from flask import current_app, url_for

from berichten.velden import is_link
from handelingsperspectieven import velden

OEFENING = "oefening"  # the exercise (and test) part of the tree


def deel(oefening: bool) -> str:
    """The folder of a kind: '' for real alerts, 'oefening/' for exercises and tests."""
    return f"{OEFENING}/" if oefening else ""


def incident_pad(incident_id: int, *, oefening: bool) -> str:
    """An incident's page, relative to the tree's root."""
    return f"{deel(oefening)}{incident_id}/"


def cap_pad(bericht_id: int) -> str:
    """The CAP document a bericht went out with, relative to the tree's root."""
    return f"cap/{bericht_id}.xml"


def feed_pad(*, oefening: bool) -> str:
    """The CAP Atom feed of a kind, relative to the tree's root."""
    return f"{deel(oefening)}cap.atom"


def basis() -> str:
    """The public root of the tree, ending in '/'; '' means: links relative to each document."""
    ingesteld = current_app.config.get("PUBLIEK_URL")
    if ingesteld is not None:
        tekst = str(ingesteld).strip()
        return tekst if not tekst or tekst.endswith("/") else tekst + "/"
    return url_for("publiek.index", _external=True)


def publieke_url(incident_id: int, *, oefening: bool = False) -> str:
    """The address of an incident's page for the public: what a message can link to."""
    return basis() + incident_pad(incident_id, oefening=oefening)


def als_link(incident_id: int) -> dict[str, str] | None:
    """The public page of an incident as the message's `link` field would hold it, for a real
    alert ("echt") and for an exercise or test ("oefening"); None when the address cannot be a
    link (say, the app's own http://localhost/ while NLALERT_PUBLIEK_URL is unset).

    "https://" is left out: it costs 8 characters in every language's pages, CAP puts it back
    (`berichten.cap`), and phones link a bare domain all the same."""
    uit = {}
    for soort, oefening in (("echt", False), ("oefening", True)):
        link = publieke_url(incident_id, oefening=oefening).removeprefix("https://")
        if not is_link(link) or len(link) > velden()["link"].max_lengte:
            return None
        uit[soort] = link
    return uit
