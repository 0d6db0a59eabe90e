"""The channel safety rule, checked for every broadcast just before it is written down to send."""

from __future__ import annotations

from berichten import Modus
from nlalert.fouten import N_, NlalertError

# EU-Alert identifiers that a real alert may use; exercise (4381/4394) and test (4380/4393) are
# not among them, so a mix-up between mode and channel is caught here as well as in berichten.
ECHTE_KANALEN = frozenset({*range(4370, 4380), *range(4383, 4393), 4396, 4397, 919})
OEFENKANALEN = frozenset({4380, 4381, 4393, 4394})


class KanaalFout(NlalertError):
    """A broadcast whose mode and channel do not match; it must never be sent."""


def controleer_kanaal(modus: Modus, message_id: int) -> None:
    """Raise KanaalFout unless a bericht in this mode may use this channel."""
    if modus is Modus.ECHT and message_id not in ECHTE_KANALEN:
        raise KanaalFout(N_("een echt bericht hoort niet op kanaal %(kanaal)s"), kanaal=message_id)
    if modus is not Modus.ECHT and message_id not in OEFENKANALEN:
        raise KanaalFout(
            N_("een %(modus)sbericht mag nooit op kanaal %(kanaal)s"),
            modus=modus.value,
            kanaal=message_id,
        )
