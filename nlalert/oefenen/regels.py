"""Where a key of a TOML file stands: the line of each table header and `key =` line.

`tomllib` returns plain values without positions, so a problem found after parsing (an unknown
category, an inject after the end) could only name its key. This reads the same text once more,
line by line, and remembers where each key path starts. It understands what scenario files use:
`[table]`, `[[array.of.tables]]`, `key = value`, dotted keys, multi-line strings and arrays. It
is a best effort to point people at a line; the key path in the message stays the reference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Sleutelpad = tuple[str | int, ...]

_KOP = re.compile(r"^\[\[?\s*(?P<pad>[^\]]+?)\s*\]\]?\s*(#.*)?$")
_SLEUTEL = re.compile(r"^(?P<sleutel>[A-Za-z0-9_\-.\"' ]+?)\s*=(?P<rest>.*)$")


def _delen(pad: str) -> list[str]:
    return [d.strip().strip("\"'") for d in pad.split(".")]


def _diepte(tekst: str) -> tuple[int, str | None]:
    """Bracket depth change of a value, and the multi-line string it leaves open (if any)."""
    diepte, i = 0, 0
    while i < len(tekst):
        for quote in ('"""', "'''"):
            if tekst.startswith(quote, i):
                einde = tekst.find(quote, i + 3)
                if einde < 0:
                    return diepte, quote
                i = einde + 3
                break
        else:
            teken = tekst[i]
            if teken in "\"'":
                einde = i + 1
                while einde < len(tekst) and tekst[einde] != teken:
                    einde += 2 if teken == '"' and tekst[einde] == "\\" else 1
                i = einde + 1
                continue
            if teken == "#":
                break
            diepte += {"[": 1, "{": 1, "]": -1, "}": -1}.get(teken, 0)
            i += 1
    return diepte, None


def regels(tekst: str) -> dict[Sleutelpad, int]:
    """Key path -> 1-based line number; arrays of tables count from 0 like the parsed lists."""
    gevonden: dict[Sleutelpad, int] = {}
    tellers: dict[tuple[str, ...], int] = {}
    huidig: Sleutelpad = ()
    diepte, open_ = 0, None
    for nummer, ruwe_regel in enumerate(tekst.splitlines(), start=1):
        regel = ruwe_regel.strip()
        if open_ is not None:
            if regel.count(open_) % 2 == 1:
                open_ = None
            continue
        if diepte > 0:
            verschil, open_ = _diepte(regel)
            diepte += verschil
            continue
        if not regel or regel.startswith("#"):
            continue
        kop = _KOP.match(regel)
        if kop and regel.startswith("["):
            namen = _delen(kop.group("pad"))
            pad: list[str | int] = []
            for i, naam in enumerate(namen):
                pad.append(naam)
                tabel = tuple(str(d) for d in pad if isinstance(d, str))
                if regel.startswith("[[") and i == len(namen) - 1:
                    tellers[tabel] = tellers.get(tabel, -1) + 1
                    pad.append(tellers[tabel])
                elif tabel in tellers:
                    pad.append(tellers[tabel])
            huidig = tuple(pad)
            gevonden.setdefault(huidig, nummer)
            continue
        sleutel = _SLEUTEL.match(regel)
        if sleutel:
            pad_ = (*huidig, *_delen(sleutel.group("sleutel")))
            gevonden.setdefault(pad_, nummer)
            diepte, open_ = _diepte(sleutel.group("rest"))
    return gevonden


def regel_van(gevonden: dict[Sleutelpad, int], pad: Sequence[str | int]) -> int | None:
    """The line of the longest known prefix of `pad` (a missing key points at its table)."""
    for lengte in range(len(pad), 0, -1):
        if tuple(pad[:lengte]) in gevonden:
            return gevonden[tuple(pad[:lengte])]
    return None
