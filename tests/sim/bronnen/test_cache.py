"""The prepared copy of the model: written once, reused, rebuilt when data or code change."""

from __future__ import annotations

import pickle
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
import shapely

from sim import Simulator
from sim.bronnen import cache
from tests.sim.gebieden import cirkel


def test_a_copy_is_written_once_and_then_read(tmp_path: Path) -> None:
    gebouwd = []

    def bouw() -> dict[str, object]:
        gebouwd.append(1)
        return {"vlakken": np.array([shapely.box(0, 0, 1, 1), shapely.box(1, 1, 3, 2)])}

    eerste = cache.laad_of_bouw(bouw, tmp_path)
    tweede = cache.laad_of_bouw(bouw, tmp_path)
    assert len(gebouwd) == 1
    assert len(list(tmp_path.glob("sim-model-*.pickle"))) == 1
    assert shapely.equals(eerste["vlakken"], tweede["vlakken"]).all()  # type: ignore[index]


def test_other_data_or_code_makes_a_new_copy_and_drops_the_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    oud = cache.sleutel()
    assert cache.sleutel() == oud  # stable
    cache.laad_of_bouw(lambda: 1, tmp_path)
    echte = list(cache._bestanden())
    monkeypatch.setattr(cache, "_bestanden", lambda: [*echte[:-1], (echte[-1][0], b"anders")])
    assert cache.sleutel() != oud
    assert cache.laad_of_bouw(lambda: 2, tmp_path) == 2
    namen = [p.name for p in tmp_path.glob("sim-model-*.pickle")]
    assert namen == [f"sim-model-{cache.sleutel()}.pickle"]


def test_a_damaged_copy_is_built_again(tmp_path: Path) -> None:
    (tmp_path / f"sim-model-{cache.sleutel()}.pickle").write_bytes(b"kapot")
    assert cache.laad_of_bouw(lambda: "nieuw", tmp_path) == "nieuw"
    assert cache.laad_of_bouw(lambda: "niet nodig", tmp_path) == "nieuw"


def test_the_model_from_its_copy_estimates_the_same(
    simulator: Simulator, tmp_path: Path, middag: datetime
) -> None:
    pad = tmp_path / "kopie.pickle"
    cache.schrijf(simulator, pad)
    with pad.open("rb") as f:
        kopie = pickle.load(f)
    assert isinstance(kopie, Simulator)
    gebied = cirkel(simulator, 51.92, 4.48, 4)
    assert (
        kopie.bereik(gebied, tijdstip=middag).to_dict()
        == simulator.bereik(gebied, tijdstip=middag).to_dict()
    )


def test_a_process_running_older_code_than_on_disk_neither_reads_nor_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.laad_of_bouw(lambda: "van de schijf", tmp_path)
    monkeypatch.setattr(cache, "_GEIMPORTEERD", 0.0)  # as if the files changed after import
    assert cache.code_gewijzigd()
    assert cache.laad_of_bouw(lambda: "in het geheugen", tmp_path) == "in het geheugen"
    monkeypatch.setattr(cache, "sleutel", lambda: "ander")
    assert cache.laad_of_bouw(lambda: "opnieuw", tmp_path) == "opnieuw"
    assert not (tmp_path / "sim-model-ander.pickle").exists()
