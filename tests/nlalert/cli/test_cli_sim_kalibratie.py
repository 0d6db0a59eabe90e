"""`nlalert sim kalibratie`: the command a user runs, through `python -m sim --kalibratie`."""

from __future__ import annotations

import subprocess
import sys


def test_nlalert_sim_kalibratie_prints_the_model_beside_the_surveys_per_age_group() -> None:
    uit = subprocess.run(
        [sys.executable, "-m", "nlalert", "sim", "kalibratie"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert uit.returncode == 0, uit.stderr
    regels = [r for r in uit.stdout.splitlines() if "±" in r]
    assert [r.split("  ")[0].strip() for r in regels] == [
        "12 jaar en ouder",
        "18-34 jaar",
        "75 jaar en ouder",
    ]
    assert all("binnen de marge" in r for r in regels)
    assert "90 %" in regels[0] and "95 %" in regels[1] and "73 %" in regels[2]
    assert "geen meting" in uit.stdout
