"""Closed vocabularies of a Bericht: its mode and its message type."""

from __future__ import annotations

from enum import StrEnum


class Modus(StrEnum):
    """Whether a Bericht is real, an exercise or a test. Only `echt` may use the real channel."""

    ECHT = "echt"
    OEFENING = "oefening"
    TEST = "test"

    @property
    def cap_status(self) -> str:
        """CAP 1.2 alert/status for this mode."""
        return {"echt": "Actual", "oefening": "Exercise", "test": "Test"}[self.value]


class BerichtSoort(StrEnum):
    """The message type: a first alert, an update of it, its all-clear, or its withdrawal.

    An update and an all-clear (einde dreiging) replace the broadcasts on air with their own; a
    cancel (intrekken) only stops them and puts nothing new on air.
    """

    ALERT = "alert"
    UPDATE = "update"
    EINDE = "einde"
    CANCEL = "cancel"

    @property
    def cap_msg_type(self) -> str:
        """CAP 1.2 alert/msgType; an all-clear is an Update whose responseType is AllClear."""
        return {"alert": "Alert", "update": "Update", "einde": "Update", "cancel": "Cancel"}[
            self.value
        ]

    @property
    def beeindigt(self) -> bool:
        """Whether this ends the danger (all-clear or withdrawal): never repeat its actions."""
        return self in (BerichtSoort.EINDE, BerichtSoort.CANCEL)

    @property
    def zendt_uit(self) -> bool:
        """Whether this puts broadcasts on air; a cancel only stops those of the chain."""
        return self is not BerichtSoort.CANCEL

    @property
    def volgt_op(self) -> bool:
        """Whether this follows up an earlier bericht (and so needs its origin)."""
        return self is not BerichtSoort.ALERT
