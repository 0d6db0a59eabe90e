"""The faults a `StoringProxy` can apply to one request, and the log line of what it did."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Doorlaten:
    """Forward the request and relay the target's answer: what an unplanned request gets."""


@dataclass(frozen=True, slots=True)
class Vertraging:
    """Wait `seconden` before forwarding, or (`na_doorsturen`) after forwarding, before answering."""

    seconden: float
    na_doorsturen: bool = False


@dataclass(frozen=True, slots=True)
class AntwoordKwijt:
    """Forward and read the target's whole answer, then close the client's connection unanswered."""


@dataclass(frozen=True, slots=True)
class Status:
    """Answer `code` with `body` without forwarding: nothing reaches the target."""

    code: int
    body: str = ""


@dataclass(frozen=True, slots=True)
class StatusNaDoorsturen:
    """Forward, then answer `code` instead of the target's answer (a proxy's 502 after success)."""

    code: int
    body: str = ""


@dataclass(frozen=True, slots=True)
class Reset:
    """Reset the connection (RST, not FIN) before forwarding or (`na_doorsturen`) after it."""

    na_doorsturen: bool = False


@dataclass(frozen=True, slots=True)
class Vasthouden:
    """Hold the request until `laat_los()` or `stop()`, before or (`na_doorsturen`) after forwarding.

    Released, it goes on as an unplanned request would; stopped, it is dropped unanswered.
    """

    na_doorsturen: bool = False


Storing: TypeAlias = (
    Doorlaten | Vertraging | AntwoordKwijt | Status | StatusNaDoorsturen | Reset | Vasthouden
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Logregel:
    """One request as the proxy handled it: its fault, whether it reached the target, the answer."""

    methode: str
    pad: str  # path and query as the client sent them
    storing: Storing
    doorgestuurd: bool  # the whole request went out to the target
    doelstatus: int | None  # the target's status; None when it gave none
