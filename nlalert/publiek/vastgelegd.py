"""What went out, as pinned when it was sent (`nlalert.publiek.vastleggen` pins it): the CAP
document, every variant's text per language and the visual cards, read back for the public
pages, the feeds and the CAP download."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from berichten import Bericht, Variant


@dataclass(frozen=True, slots=True, kw_only=True)
class Vastgelegd:
    """A sent bericht as pinned: its CAP document, texts per variant and language, and cards."""

    cap: bytes | None
    teksten: Mapping[str, Mapping[str, tuple[str, str]]] = field(default_factory=dict)
    kaarten: Mapping[str, str] = field(default_factory=dict)

    def toegepast(self, bericht: Bericht, variant: Variant) -> Bericht:
        """The composed Bericht with each language's text and headline as they went out."""
        vast = self.teksten.get(variant.value, {})
        talen = tuple(
            replace(t, tekst=vast[t.taal][0], wat=vast[t.taal][1]) if t.taal in vast else t
            for t in bericht.talen
        )
        return replace(bericht, talen=talen)


def lees(db: sqlite3.Connection, bericht_id: int) -> Vastgelegd | None:
    """What was pinned when the bericht was sent; None when it went out before pinning."""
    rij = db.execute("SELECT vastgelegd FROM berichten WHERE id = ?", (bericht_id,)).fetchone()
    if rij is None or rij[0] is None:
        return None
    data: dict[str, Any] = json.loads(rij[0])
    cap = data.get("cap")
    return Vastgelegd(
        cap=None if cap is None else str(cap).encode("utf-8"),
        teksten={
            v: {t: (str(w["tekst"]), str(w["wat"])) for t, w in per_taal.items()}
            for v, per_taal in (data.get("teksten") or {}).items()
        },
        kaarten={str(t): str(s) for t, s in (data.get("kaarten") or {}).items()},
    )
