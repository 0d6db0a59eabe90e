"""A prepared binary copy of the loaded model on local disk, so the simulator starts in a second.

Reading the CBS files, laying them on lattices, modelling the network and preparing the sums
takes seconds; unpickling the result takes a fraction of that. The copy is written by the first
start (or by `python -m sim --voorbereiden`) into a cache directory and reused after. It is never
downloaded. Its name carries a hash of every embedded data file, of the source code of the model
and of the library versions, so a change to any of them makes a new copy (older copies are
removed); a process that runs older code than the files on disk neither reads nor writes one.
Geometries travel as one WKB block per array: unpickling them one by one took longer
than building them.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import shapely
from numpy.typing import NDArray

T = TypeVar("T")
VOORVOEGSEL = "sim-model-"
_BRONCODE = ("model", "bronnen", "simulator.py", "kaart.py")
# When this process imported the simulator's code (sim/__init__ imports the model just before).
# A process whose code is older than the files on disk must neither read nor write a copy under
# the key of the newer files: its pickled values would not match the other code's.
_GEIMPORTEERD = time.time()


def map_standaard() -> Path:
    """$SIM_CACHE_DIR, else $XDG_CACHE_HOME/nlalert-sim, else ~/.cache/nlalert-sim."""
    if gegeven := os.environ.get("SIM_CACHE_DIR"):
        return Path(gegeven)
    basis = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(basis) / "nlalert-sim"


def _broncode() -> Iterable[Path]:
    wortel = Path(str(resources.files("sim")))
    for deel in _BRONCODE:
        pad = wortel / deel
        yield from sorted(pad.rglob("*.py")) if pad.is_dir() else [pad]


def code_gewijzigd() -> bool:
    """Whether the model's source on disk changed after this process imported it."""
    return any(p.stat().st_mtime > _GEIMPORTEERD for p in _broncode())


def _bestanden() -> Iterable[tuple[str, bytes]]:
    sim = resources.files("sim")
    for naam in sorted(p.name for p in sim.joinpath("data").iterdir() if p.is_file()):
        yield f"data/{naam}", sim.joinpath("data", naam).read_bytes()
    wortel = Path(str(sim))
    for bestand in _broncode():
        yield str(bestand.relative_to(wortel)), bestand.read_bytes()


def sleutel() -> str:
    """Hash of the data, the model's source code and the versions the copy depends on."""
    h = hashlib.sha256()
    versies = f"{sys.version_info[:3]} numpy {np.__version__} shapely {shapely.__version__}"
    h.update(versies.encode())
    for naam, inhoud in _bestanden():
        h.update(naam.encode() + b"\0" + hashlib.sha256(inhoud).digest())
    return h.hexdigest()[:20]


def _geometrieen_uit(blok: bytes, eind: NDArray[np.int64], vorm: tuple[int, ...]) -> Any:
    begin = np.concatenate([[0], eind[:-1]])
    delen = np.empty(len(eind), dtype=object)
    delen[:] = [blok[a:b] for a, b in zip(begin.tolist(), eind.tolist(), strict=True)]
    return shapely.from_wkb(delen).reshape(vorm)


class _Inpakker(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if (
            isinstance(obj, np.ndarray)
            and obj.dtype == object
            and obj.size
            and all(isinstance(g, shapely.Geometry) for g in obj.flat)
        ):
            wkb = shapely.to_wkb(obj.ravel())
            eind = np.cumsum([len(w) for w in wkb]).astype(np.int64)
            return _geometrieen_uit, (b"".join(wkb), eind, obj.shape)
        return NotImplemented


def laad_of_bouw(bouw: Callable[[], T], map: Path | None = None) -> T:
    """The cached value if a copy for this data and code exists, else `bouw()` (then written)."""
    if code_gewijzigd():
        return bouw()
    map = map or map_standaard()
    pad = map / f"{VOORVOEGSEL}{sleutel()}.pickle"
    try:
        with pad.open("rb") as f:
            waarde: T = pickle.load(f)
        return waarde
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass  # absent, or written by other code: build it again
    waarde = bouw()
    schrijf(waarde, pad)
    return waarde


def schrijf(waarde: object, pad: Path) -> None:
    """Write the copy atomically and remove older copies; a read-only disk only costs speed."""
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        _Inpakker(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(waarde)
        with tempfile.NamedTemporaryFile(dir=pad.parent, delete=False, suffix=".tmp") as f:
            f.write(buffer.getbuffer())
        os.replace(f.name, pad)
        for oud in pad.parent.glob(f"{VOORVOEGSEL}*.pickle"):
            if oud != pad:
                oud.unlink(missing_ok=True)
    except OSError:
        pass
