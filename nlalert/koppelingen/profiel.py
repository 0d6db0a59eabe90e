"""What a configured CBC can do: its profile, and which broadcasts of a set it can carry at once.

osmo-cbc 0.4.0 keys its active broadcasts on the message identifier alone, has no GET and encodes
GSM-7 wrongly (../shared/interop/osmo-cbc/README.md); the simulator keys on identifier + message
code, answers GET and encodes correctly. An unknown CBC gets the cautious osmo-cbc profile.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nlalert.fouten import N_, Melding, OngeldigeInvoer


@dataclass(frozen=True, slots=True, kw_only=True)
class CBCProfiel:
    """The behaviour of one kind of CBC that the sender must respect."""

    naam: str
    sleutel_met_code: bool  # active broadcasts are keyed on message id + message code (not id only)
    heeft_get: bool  # it says what it holds (GET /api/ecbe/v1/message[/<id>])
    vooraf_coderen: bool  # it needs pages we encoded (payload_encoded), not decoded text

    def to_dict(self) -> dict[str, object]:
        """JSON shape."""
        return {
            "naam": self.naam,
            "sleutel": "message_id+msg_code" if self.sleutel_met_code else "message_id",
            "heeft_get": self.heeft_get,
            "vooraf_coderen": self.vooraf_coderen,
        }


SIMULATOR = CBCProfiel(
    naam="nlalert-sim", sleutel_met_code=True, heeft_get=True, vooraf_coderen=False
)
OSMO_CBC_04 = CBCProfiel(
    naam="osmo-cbc-0.4", sleutel_met_code=False, heeft_get=False, vooraf_coderen=True
)
PROFIELEN = {p.naam: p for p in (SIMULATOR, OSMO_CBC_04)}


def profiel(naam: str) -> CBCProfiel:
    """The profile with this name (NLALERT_CBC_PROFIEL), or OngeldigeInvoer listing the names."""
    try:
        return PROFIELEN[naam]
    except KeyError:
        raise OngeldigeInvoer(
            "CBC_PROFIEL", N_("kies uit: %(keuzes)s"), keuzes=", ".join(PROFIELEN)
        ) from None


@dataclass(frozen=True, slots=True, kw_only=True)
class Sleutel:
    """What a CBC identifies an active broadcast by."""

    message_id: int
    message_code: int | None  # None when the CBC keys on the message id alone


def sleutel(p: CBCProfiel, message_id: int, message_code: int) -> Sleutel:
    """The key under which this CBC keeps a broadcast active."""
    return Sleutel(message_id=message_id, message_code=message_code if p.sleutel_met_code else None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Bezet:
    """A key already taken at the CBC, and by what (for the user)."""

    sleutel: Sleutel
    door: Melding


def draagbaar(
    p: CBCProfiel, gepland: Sequence[tuple[int, int]], bezet: Iterable[Bezet]
) -> list[Melding | None]:
    """Per planned broadcast (message id, message code): None when this CBC can carry it beside
    the others, else the reason it cannot. `bezet` are keys held by other broadcasts that stay."""
    genomen = {b.sleutel: b.door for b in bezet}
    uit: list[Melding | None] = []
    for message_id, code in gepland:
        s = sleutel(p, message_id, code)
        if s in genomen:
            uit.append(
                Melding(
                    N_(
                        "deze CBC (%(profiel)s) houdt maar één uitzending per kanaal actief;"
                        " kanaal %(kanaal)s is bezet door %(door)s"
                    ),
                    profiel=p.naam,
                    kanaal=message_id,
                    door=genomen[s],
                )
            )
            continue
        genomen[s] = Melding(N_("een andere taal van dit bericht"))
        uit.append(None)
    return uit
