"""A reader that goes away (`| head`) is not an error: no traceback, no complaint, exit 0."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

NLALERT = Path(sys.executable).with_name("nlalert")


def test_output_cut_short_by_the_reader_is_quiet() -> None:
    proc = subprocess.Popen(
        [str(NLALERT), "review", "--paginas"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written
    with proc.stderr:
        fout = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert "Broken pipe" not in fout and "Traceback" not in fout, fout
