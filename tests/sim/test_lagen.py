"""The layout of `sim`: its rooms import in one direction, nothing of ours, and no cycles.

Checked on the source (ast) rather than by importing, so a cycle hidden behind a function-level
or TYPE_CHECKING import is caught too.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

SIM = Path(__file__).resolve().parents[2] / "sim"
ANDEREN = ("handelingsperspectieven", "vertalingen", "berichten", "nlalert")
# Each room and what it may import of sim (besides itself); `sim.fouten` is the shared base.
MAG = {
    "sim.fouten": set(),
    "sim.model": {"sim.fouten"},
    "sim.ecbe": {"sim.fouten"},
    "sim.bronnen": {"sim.fouten", "sim.model"},
    "sim.kaart": {"sim.fouten", "sim.model"},
    "sim.simulator": {"sim.fouten", "sim.model", "sim.bronnen", "sim.kaart"},
    "sim.service": {"sim.fouten", "sim.ecbe", "sim.simulator"},
    # The package itself and its entry point sit on top.
    "sim": {"sim.fouten", "sim.model", "sim.simulator"},
    "sim.__main__": {"sim.service"},
}


def _modules() -> dict[str, Path]:
    uit = {}
    for pad in sorted(SIM.rglob("*.py")):
        delen = pad.relative_to(SIM.parent).with_suffix("").parts
        naam = ".".join(delen[:-1] if delen[-1] == "__init__" else delen)
        uit[naam] = pad
    return uit


MODULES = _modules()


def _imports(pad: Path) -> list[tuple[str, ast.stmt, bool]]:
    """(module imported, statement, at module level) for every import in a file."""
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    boven = set(map(id, boom.body))
    uit: list[tuple[str, ast.stmt, bool]] = []
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            uit += [(a.name, knoop, id(knoop) in boven) for a in knoop.names]
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and not knoop.level:
            # `from sim.model import geo` imports the module sim.model.geo.
            namen = [f"{knoop.module}.{a.name}" for a in knoop.names]
            gevonden = [n for n in namen if n in MODULES]
            uit += [(n, knoop, id(knoop) in boven) for n in gevonden or [knoop.module]]
    return uit


def _kamer(module: str) -> str:
    return max((k for k in MAG if module == k or module.startswith(k + ".")), key=len)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_the_rooms_below_its_own(module: str) -> None:
    kamer = _kamer(module)
    for doel, _, _ in _imports(MODULES[module]):
        assert not doel.startswith(ANDEREN), f"{module} imports {doel}: sim imports nothing of ours"
        if doel == "sim" or doel.startswith("sim."):
            assert _kamer(doel) in MAG[kamer] | {kamer}, f"{module} may not import {doel}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_import_is_at_module_level(module: str) -> None:
    for doel, knoop, boven in _imports(MODULES[module]):
        assert boven, f"{module}:{knoop.lineno} imports {doel} inside a function or block"


def test_no_module_imports_itself_round_about() -> None:
    graaf = {
        m: {d for d, _, _ in _imports(p) if d in MODULES and d != m} for m, p in MODULES.items()
    }
    bezig: list[str] = []
    klaar: set[str] = set()

    def bezoek(m: str) -> None:
        assert m not in bezig, "import cycle: " + " -> ".join([*bezig[bezig.index(m) :], m])
        if m in klaar:
            return
        bezig.append(m)
        for d in sorted(graaf[m]):
            bezoek(d)
        bezig.pop()
        klaar.add(m)

    for m in sorted(graaf):
        bezoek(m)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_passes_400_lines(module: str) -> None:
    assert len(MODULES[module].read_text(encoding="utf-8").splitlines()) <= 400


@pytest.mark.parametrize("room", ["sim.model", "sim.bronnen", "sim.ecbe", "sim.service"])
def test_every_room_says_what_it_owns(room: str) -> None:
    assert ast.get_docstring(ast.parse(MODULES[room].read_text(encoding="utf-8")))


def test_the_benchmarks_are_not_part_of_the_package() -> None:
    assert importlib.util.find_spec("sim.bench") is None
    assert importlib.util.find_spec("sim.bench_service") is None
    assert not [m for m in MODULES if "bench" in m]
