"""Identity of a Bericht: message identifier (channel), serial number and CAP identifier.

Message identifiers are the EU-Alert channels of ETSI TS 102 900, in the local language and in an
additional language (+13). The serial number (3GPP TS 23.041 section 9.4.1.2.1) tells phones whether
a broadcast is new or an update: they drop duplicates by (message identifier, serial number, cell).
The CAP identifier names the same broadcast in CAP 1.2 (`cap_identifier`, `parse_cap_identifier`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum

from berichten.errors import BerichtError, InvalidCombination
from berichten.modus import Modus
from handelingsperspectieven.meldingen import N_
from handelingsperspectieven.model import Certainty, Severity, Urgency

LEVEL_1 = 4370  # presidential; phones do not let the user switch it off
LEVEL_2_OBSERVED = 4371
LEVEL_2_LIKELY = 4372
TEST = 4380
EXERCISE = 4381
PUBLIC_SAFETY = 4396
# The additional-language channel of each local channel is 13 higher (4370 -> 4383, ...), except
# public safety, whose additional-language channel follows it directly (4396 -> 4397).
_ADDITIONAL_LANGUAGE_OFFSET = 13
_PUBLIC_SAFETY_ADDITIONAL = 4397

# Level 3 by (severity, urgency, certainty), urgency and certainty already reduced to two values.
_LEVEL_3 = {
    (Severity.EXTREME, Urgency.EXPECTED, Certainty.OBSERVED): 4373,
    (Severity.EXTREME, Urgency.EXPECTED, Certainty.LIKELY): 4374,
    (Severity.SEVERE, Urgency.IMMEDIATE, Certainty.OBSERVED): 4375,
    (Severity.SEVERE, Urgency.IMMEDIATE, Certainty.LIKELY): 4376,
    (Severity.SEVERE, Urgency.EXPECTED, Certainty.OBSERVED): 4377,
    (Severity.SEVERE, Urgency.EXPECTED, Certainty.LIKELY): 4378,
}

MESSAGE_CODE_MAX = 0x3FF
UPDATE_NUMBER_MODULUS = 16


class MessageCodeOutOfRange(BerichtError):
    """A serial-number message code outside 0-1023 (it has ten bits)."""

    def __init__(self, message_code: int) -> None:
        self.message_code = message_code
        super().__init__(
            N_("berichtcode %(code)s valt buiten 0-%(maximum)s"),
            code=message_code,
            maximum=MESSAGE_CODE_MAX,
        )


def message_identifier(
    modus: Modus,
    severity: Severity,
    urgency: Urgency,
    certainty: Certainty,
    *,
    extra_taal: bool = False,
    niveau1_bij_extreem: bool = True,
) -> int:
    """The EU-Alert channel (ETSI TS 102 900) for this mode and CAP severity/urgency/certainty."""
    local = _local_identifier(modus, severity, urgency, certainty, niveau1_bij_extreem)
    # Last line of defence: whatever a future edit does above, an exercise or a test must never
    # reach the presidential channel, which no phone lets its user switch off.
    if modus != Modus.ECHT and local == LEVEL_1:
        raise InvalidCombination(
            N_("een bericht in modus '%(modus)s' mag nooit op kanaal %(kanaal)s"),
            modus=modus.value,
            kanaal=LEVEL_1,
        )
    if not extra_taal:
        return local
    if local == PUBLIC_SAFETY:
        return _PUBLIC_SAFETY_ADDITIONAL
    return local + _ADDITIONAL_LANGUAGE_OFFSET


def _local_identifier(
    modus: Modus,
    severity: Severity,
    urgency: Urgency,
    certainty: Certainty,
    niveau1_bij_extreem: bool,
) -> int:
    # Test and exercise have their own channels whatever the content: phones label them, and the
    # public must never mistake a drill for a real alert (DOMAIN: never 4370 for an exercise).
    if modus == Modus.TEST:
        return TEST
    if modus == Modus.OEFENING:
        return EXERCISE
    # Moderate, Minor and Unknown are below the EU-Alert levels: public safety, which the user may
    # switch off, rather than waking everyone for a minor incident.
    if severity not in (Severity.EXTREME, Severity.SEVERE):
        return PUBLIC_SAFETY
    # Reduce to the two values TS 102 900 distinguishes. Anything less sure than Observed is
    # treated as Likely, and anything less pressing than Immediate as Expected: the channel then
    # never claims more certainty or urgency than the author gave.
    certainty = Certainty.OBSERVED if certainty == Certainty.OBSERVED else Certainty.LIKELY
    urgency = Urgency.IMMEDIATE if urgency == Urgency.IMMEDIATE else Urgency.EXPECTED
    if severity == Severity.EXTREME and urgency == Urgency.IMMEDIATE:
        # NL practice: NL-Alerts go on 4370 so that Dutch phones cannot switch them off (only
        # 4371 can be); without that policy Extreme/Immediate is level 2 as in TS 102 900.
        if niveau1_bij_extreem:
            return LEVEL_1
        return LEVEL_2_OBSERVED if certainty == Certainty.OBSERVED else LEVEL_2_LIKELY
    return _LEVEL_3[(severity, urgency, certainty)]


class GeoScope(IntEnum):
    """Geographical scope of a serial number: where an update is a new message to the phone."""

    CELL_IMMEDIATE = 0
    PLMN = 1
    LOCATION_AREA = 2
    CELL = 3

    @property
    def osmo_name(self) -> str:
        """The name osmo-cbc uses for this scope in `serial_nr_decoded.geo_scope`."""
        return _OSMO_GEO_SCOPE[self]

    @classmethod
    def from_osmo_name(cls, name: str) -> GeoScope:
        """The scope osmo-cbc calls `name`."""
        for scope, osmo in _OSMO_GEO_SCOPE.items():
            if osmo == name:
                return scope
        raise ValueError(f"unknown osmo-cbc geo_scope {name!r}")


_OSMO_GEO_SCOPE = {
    GeoScope.CELL_IMMEDIATE: "cell_wide_immediate",
    GeoScope.PLMN: "plmn_wide",
    GeoScope.LOCATION_AREA: "lac_sac_tac_wide",
    GeoScope.CELL: "cell_wide",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class SerialNumber:
    """The 16-bit serial number: 2-bit geographical scope, 10-bit message code, 4-bit update."""

    geo_scope: GeoScope
    message_code: int
    update_number: int

    def __post_init__(self) -> None:
        if not 0 <= self.message_code <= MESSAGE_CODE_MAX:
            raise MessageCodeOutOfRange(self.message_code)
        if not 0 <= self.update_number < UPDATE_NUMBER_MODULUS:
            raise ValueError(f"update number {self.update_number} is not 0-15")

    @property
    def waarde(self) -> int:
        """The 16-bit value as sent."""
        return (self.geo_scope << 14) | (self.message_code << 4) | self.update_number

    @classmethod
    def parse(cls, waarde: int) -> SerialNumber:
        """Split a 16-bit serial number into its fields."""
        if not 0 <= waarde <= 0xFFFF:
            raise ValueError(f"serial number {waarde} does not fit in 16 bits")
        return cls(
            geo_scope=GeoScope(waarde >> 14),
            message_code=(waarde >> 4) & MESSAGE_CODE_MAX,
            update_number=waarde & 0xF,
        )

    def to_dict(self) -> dict[str, str | int]:
        """osmo-cbc's `serial_nr_decoded` fields plus the encoded value."""
        return {
            "geo_scope": self.geo_scope.osmo_name,
            "msg_code": self.message_code,
            "update_nr": self.update_number,
            "waarde": self.waarde,
        }


def next_update_number(update_number: int) -> int:
    """The update number of the next update or all-clear: one more, wrapping from 15 to 0."""
    return (update_number + 1) % UPDATE_NUMBER_MODULUS


def message_code_voor(sleutel: str) -> int:
    """A stable message code 0-1023 for a key (such as an incident id), the same in every run."""
    # hashlib, not hash(): str hashes are salted per process, and the code must survive restarts.
    digest = hashlib.sha256(sleutel.encode("utf-8")).digest()
    return int.from_bytes(digest[:2], "big") & MESSAGE_CODE_MAX


_CAP_IDENTIFIER = re.compile(
    r"NLALERT-(?P<moment>\d{8}T\d{6})-(?P<modus>[A-Z]+)-(?P<code>\d{4})-(?P<update>\d{2})"
    r"(?:-(?P<kenmerk>\d+))?"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class CapIdentifier:
    """What an identifier of `cap_identifier` says about its broadcast (the time part left out)."""

    modus: Modus
    message_code: int
    update_number: int
    kenmerk: int | None = None


def cap_identifier(
    moment: datetime,
    modus: Modus,
    message_code: int,
    update_number: int,
    kenmerk: int | None = None,
) -> str:
    """The CAP identifier `NLALERT-<moment>-<MODUS>-<code:04>-<update:02>[-<kenmerk>]`.

    The moment is written in its own wall-clock time, without offset (compose passes
    Europe/Amsterdam); `kenmerk`, the stored bericht's number, makes it unique per sender.
    """
    identifier = (
        f"NLALERT-{moment:%Y%m%dT%H%M%S}-{modus.value.upper()}"
        f"-{message_code:04d}-{update_number:02d}"
    )
    return identifier if kenmerk is None else f"{identifier}-{kenmerk}"


def parse_cap_identifier(identifier: str) -> CapIdentifier | None:
    """The parts of an identifier `cap_identifier` built; None for any other identifier."""
    gevonden = _CAP_IDENTIFIER.fullmatch(identifier)
    if gevonden is None:
        return None
    try:
        datetime.strptime(gevonden["moment"], "%Y%m%dT%H%M%S")
        modus = Modus(gevonden["modus"].lower())
    except ValueError:
        return None
    code, update = int(gevonden["code"]), int(gevonden["update"])
    if code > MESSAGE_CODE_MAX or update >= UPDATE_NUMBER_MODULUS:
        return None
    kenmerk = gevonden["kenmerk"]
    return CapIdentifier(
        modus=modus,
        message_code=code,
        update_number=update,
        kenmerk=None if kenmerk is None else int(kenmerk),
    )
