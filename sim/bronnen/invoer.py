"""What the importers share: reading their input, numbers per line, best-server cells.

Where an input has no coverage itself, every importer builds it the same way: the Voronoi cell of
a site (or cell position) among those of the same operator and technology, limited to a range.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import numpy as np
import shapely
from numpy.typing import NDArray

from sim.fouten import InvoerError
from sim.model.netwerk import (
    OPERATOREN,
    TECHNOLOGIEEN,
    Operator,
    Technologie,
    sector,
    voronoi_per_punt,
)

Bron = str | os.PathLike[str] | IO[str]


def tekst(bron: Bron) -> str:
    """The whole input as text: a path (gzip when it ends in .gz) or an open text file."""
    if isinstance(bron, str | os.PathLike):
        pad = Path(bron)
        try:
            if pad.suffix == ".gz":
                with gzip.open(pad, "rt", encoding="utf-8") as f:
                    return f.read()
            return pad.read_text(encoding="utf-8")
        except OSError as e:
            raise InvoerError(
                "kan {pad} niet lezen: {oorzaak}", pad=pad, oorzaak=e.strerror or e
            ) from None
    return bron.read()


def getal(waarde: str | None, wat: str, regel: int) -> float:
    """A number in a field of line `regel`; InvoerError naming the line when it is none."""
    try:
        return float(waarde or "")
    except ValueError:
        raise InvoerError(
            "regel {regel}: {wat} is geen getal ({waarde!r})", regel=regel, wat=wat, waarde=waarde
        ) from None


def cellen(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    bereik_m: NDArray[np.float64],
    operator: Sequence[Operator],
    techniek: Sequence[Technologie],
    namen: Sequence[str],
    sectoren: int,
) -> tuple[list[str], NDArray[np.int8], NDArray[np.int8], NDArray[np.object_]]:
    """Best-server cells per (operator, technology) layer: Voronoi, range and optional sectors."""
    ops = np.array([OPERATOREN.index(o) for o in operator], dtype=np.int8)
    tech = np.array([TECHNOLOGIEEN.index(t) for t in techniek], dtype=np.int8)
    ids: list[str] = []
    o_uit: list[NDArray[np.int8]] = []
    t_uit: list[NDArray[np.int8]] = []
    dekking: list[NDArray[np.object_]] = []
    for o, t in sorted({(int(a), int(b)) for a, b in zip(ops, tech, strict=True)}):
        idx = np.flatnonzero((ops == o) & (tech == t))
        gebied = voronoi_per_punt(x[idx], y[idx])
        for s in range(sectoren):
            if sectoren == 1:
                taart = shapely.buffer(shapely.points(x[idx], y[idx]), bereik_m[idx], quad_segs=16)
            else:
                richting = np.full(len(idx), s * 360.0 / sectoren)
                taart = sector(x[idx], y[idx], richting, 360.0 / sectoren, bereik_m[idx])
            dekking.append(shapely.intersection(gebied, taart))
            achter = f"-{s + 1}" if sectoren > 1 else ""
            ids.extend(f"{namen[int(i)]}-{TECHNOLOGIEEN[t].value}{achter}" for i in idx)
            o_uit.append(np.full(len(idx), o, np.int8))
            t_uit.append(np.full(len(idx), t, np.int8))
    return ids, np.concatenate(o_uit), np.concatenate(t_uit), np.concatenate(dekking)
