"""Message codes: the 10-bit part of a serial number, one per broadcast, reserved per bericht."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from nlalert.workflow.model import MESSAGE_CODES, GeenMessageCodeVrij


def volgende_message_code(bezet: Iterable[int], laatste: int | None) -> int:
    """The first message code after `laatste` that no active bericht uses (wraps at 1024)."""
    in_gebruik = set(bezet)
    start = 0 if laatste is None else (laatste + 1) % MESSAGE_CODES
    for stap in range(MESSAGE_CODES):
        code = (start + stap) % MESSAGE_CODES
        if code not in in_gebruik:
            return code
    raise GeenMessageCodeVrij()


def primaire_taal(talen: Iterable[str]) -> str:
    """The language of the primary broadcast: Dutch when chosen, else the first."""
    lijst = list(talen)
    return "nl" if "nl" in lijst or not lijst else lijst[0]


def taalcodes_voor(
    talen: Iterable[str],
    bestaand: Mapping[str, int],
    bezet: Iterable[int],
    laatste: int | None,
) -> dict[str, int]:
    """A message code for every further language: kept where it had one, else a free one.

    English gets one too, also when it rides with Dutch, so a change of that setting never needs
    a code that was not reserved.
    """
    lijst = list(dict.fromkeys(talen))
    primair = primaire_taal(lijst)
    in_gebruik = set(bezet)
    uit = {t: bestaand[t] for t in lijst if t != primair and t in bestaand}
    in_gebruik.update(uit.values())
    for t in lijst:
        if t == primair or t in uit:
            continue
        uit[t] = volgende_message_code(in_gebruik, laatste)
        in_gebruik.add(uit[t])
        laatste = uit[t]
    return uit
