"""Turn a composed Bericht into the broadcast a CBC receives, with the channel's safety rules."""

from __future__ import annotations

from berichten import Bericht, Modus
from nlalert.cbc import GeoScope, Serienummer, Uitzending

# EU-Alert identifiers that a real alert may use; exercise (4381/4394) and test (4380/4393) are
# not among them, so a mix-up between mode and channel is caught here as well as in berichten.
ECHTE_KANALEN = frozenset({*range(4370, 4380), *range(4383, 4393), 4396, 4397, 919})
OEFENKANALEN = frozenset({4380, 4381, 4393, 4394})


class KanaalFout(ValueError):
    """A Bericht whose mode and channel do not match; it must never be sent."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


def uitzending_voor(bericht: Bericht) -> Uitzending:
    """The primary broadcast of a Bericht (Dutch, and English after ' *** ' when chosen)."""
    mid = bericht.message_identifier
    if bericht.modus is Modus.ECHT and mid not in ECHTE_KANALEN:
        raise KanaalFout(f"een echt bericht hoort niet op kanaal {mid}")
    if bericht.modus is not Modus.ECHT and mid not in OEFENKANALEN:
        raise KanaalFout(f"een {bericht.modus.value}bericht mag nooit op kanaal {mid}")
    serial = bericht.serial
    return Uitzending(
        message_id=mid,
        serial=Serienummer(
            geo_scope=GeoScope(serial.geo_scope.osmo_name),
            msg_code=serial.message_code,
            update_nr=serial.update_number,
        ),
        dcs=bericht.cb.dcs,
        page_hex=bericht.cb.page_hex,
        area=bericht.gebied.to_geojson() if bericht.gebied else None,
    )
