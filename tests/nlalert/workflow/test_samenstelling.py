"""What a stored area becomes: picked gemeenten keep their CBS codes for the CAP."""

from __future__ import annotations

from nlalert.opstellen import kaart
from nlalert.workflow.samenstelling import gebied_van


def test_picked_gemeenten_carry_their_codes() -> None:
    # The feature exactly as the compose screen stores it after picking two gemeenten.
    feature = kaart.kies(["GM1709", "GM0772"]).feature
    gebied = gebied_van(feature)
    assert gebied is not None
    assert gebied.gemeentecodes == ("GM1709", "GM0772")


def test_a_region_or_a_drawn_area_names_no_gemeente() -> None:
    regio = gebied_van(kaart.kies(regio="VR20").feature)
    assert regio is not None and regio.gemeentecodes == ()
