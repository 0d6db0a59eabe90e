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
    """The message type: a first alert, an update of it, or its cancel/all-clear."""

    ALERT = "alert"
    UPDATE = "update"
    CANCEL = "cancel"

    @property
    def cap_msg_type(self) -> str:
        """CAP 1.2 alert/msgType."""
        return {"alert": "Alert", "update": "Update", "cancel": "Cancel"}[self.value]
