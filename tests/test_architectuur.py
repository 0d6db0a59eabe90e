"""The layout holds: the pipeline's layers, sim apart, views that never import each other, and no
import cycle anywhere, function-level and TYPE_CHECKING imports counted (grimp counts both).

The contracts live in pyproject.toml ([tool.importlinter]); `lint-imports` checks them by hand.
The last tests build small packages that break each rule, to show the checks can fail.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).parents[1]
PAKKETTEN = ("handelingsperspectieven", "vertalingen", "berichten", "sim", "nlalert")


def kringen(graaf: grimp.ImportGraph) -> Iterator[tuple[str, ...]]:
    """Every import a -> b whose b leads back to a: each such pair is a cycle."""
    for module in sorted(graaf.modules):
        for geimporteerd in sorted(graaf.find_modules_directly_imported_by(module)):
            keten = graaf.find_shortest_chain(importer=geimporteerd, imported=module)
            if keten is not None:
                yield (module, *keten)


def test_no_import_cycle_anywhere() -> None:
    graaf = grimp.build_graph(*PAKKETTEN, cache_dir=None)
    assert list(kringen(graaf)) == []


def test_the_layer_contracts_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename="pyproject.toml", no_cache=True, no_logo=True) == 0


def _pakket(map_: Path, naam: str, modules: dict[str, str]) -> None:
    pakket = map_ / naam
    pakket.mkdir()
    (pakket / "__init__.py").write_text("")
    for module, bron in modules.items():
        (pakket / f"{module}.py").write_text(textwrap.dedent(bron))


def test_a_cycle_behind_a_function_or_type_checking_import_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pakket(
        tmp_path,
        "kringpakket",
        {
            "a": "def f():\n    from kringpakket import b\n",
            "b": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kringpakket import a\n",
            "c": "import json\n",
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    gevonden = list(kringen(grimp.build_graph("kringpakket", cache_dir=None)))
    assert ("kringpakket.a", "kringpakket.b", "kringpakket.a") in gevonden
    assert not any("kringpakket.c" in k for k in gevonden)


def test_views_importing_views_and_a_wrong_layer_break_the_contracts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pakket(tmp_path, "onder", {"basis": "X = 1\n"})
    _pakket(
        tmp_path,
        "boven",
        {"views": "from boven import andere_views\n", "andere_views": "from boven import views\n"},
    )
    (tmp_path / "onder" / "basis.py").write_text("import boven.views\n")  # a lower layer up
    (tmp_path / "contracten.toml").write_text(
        textwrap.dedent(
            """
            [tool.importlinter]
            root_packages = ["onder", "boven"]

            [[tool.importlinter.contracts]]
            name = "lagen"
            type = "layers"
            layers = ["boven", "onder"]

            [[tool.importlinter.contracts]]
            name = "views"
            type = "independence"
            modules = ["boven.views", "boven.andere_views"]
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert lint_imports(config_filename="contracten.toml", no_cache=True, no_logo=True) == 1
