"""`python -m benchmarks.sim_service`: the simulator as a process, from start to load.

1. Prepares the model copy (`python -m sim --voorbereiden`; instant when it is there).
2. Starts `python -m sim` on a free loopback port and times start -> first served reach answer
   and start -> `/healthz` 200.
3. Times distinct areas one by one (no cache can help) for a region-sized polygon.
4. Lets 20 clients post reach requests for a bounded time (default 10 s), areas drawn from a
   set of 40, so identical areas recur and hit the answer cache: requests/s, median and p95.
5. Reads the server's peak resident memory (VmHWM).

Every time is printed with its ratio to the geopandas overlay of the same region polygon,
measured in this run. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import requests
import shapely

from benchmarks.overlay import Overlay, machine, tabel, tijd, verhouding
from sim import Simulator
from sim.model import geo

DOEL_START_S = 2.0
DOEL_PER_S = 100.0
DOEL_P95_MS = 300.0
DOEL_MB = 1024.0

# Roughly the veiligheidsregio Utrecht: a region-sized polygon (lon, lat as GeoJSON wants).
REGIO: dict[str, Any] = {
    "type": "Polygon",
    "coordinates": [
        [
            [4.80, 52.28],
            [5.30, 52.30],
            [5.60, 52.20],
            [5.62, 51.98],
            [5.25, 51.92],
            [4.85, 51.95],
            [4.80, 52.28],
        ]
    ],
}


def _gebieden(sim: Simulator, aantal: int, zaad: int) -> list[dict[str, Any]]:
    """Circles of 1-10 km around the centres of random gemeenten (reproducible)."""
    kans = random.Random(zaad)
    midden = geo.naar_wgs84(shapely.point_on_surface(sim.bevolking.gemeenten.geometrie))
    return [
        {
            "circle": {
                "lat": round(float(punt.y), 4),
                "lon": round(float(punt.x), 4),
                "radius_km": round(kans.uniform(1, 10), 1),
            }
        }
        for punt in kans.sample(list(midden), aantal)
    ]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort: int = s.getsockname()[1]
        return poort


def _wacht(url: str, data: dict[str, Any] | None, deadline: float) -> float:
    """Seconds until `url` answers 200 (POST with `data`, else GET)."""
    begin = time.perf_counter()
    with requests.Session() as sessie:
        while time.perf_counter() < deadline:
            try:
                if data is None:
                    antwoord = sessie.get(url, timeout=5)
                else:
                    antwoord = sessie.post(url, json=data, timeout=30)
                if antwoord.status_code == 200:
                    return time.perf_counter() - begin
            except requests.ConnectionError:
                pass
            time.sleep(0.01)
    raise SystemExit(f"{url} gaf geen 200 binnen de tijd")


def _p95(tijden: list[float]) -> float:
    return statistics.quantiles(tijden, n=20)[-1] if len(tijden) >= 2 else tijden[0]


def _belast(url: str, gebieden: list[dict[str, Any]], clients: int, duur: float) -> dict[str, Any]:
    """`clients` threads posting areas for `duur` seconds; latencies and failures."""
    tijden: list[list[float]] = [[] for _ in range(clients)]
    fouten = [0] * clients
    einde = time.perf_counter() + duur

    def client(i: int) -> None:
        kans = random.Random(i)
        with requests.Session() as sessie:
            while time.perf_counter() < einde:
                t0 = time.perf_counter()
                antwoord = sessie.post(url, json={"area": kans.choice(gebieden)}, timeout=60)
                tijden[i].append((time.perf_counter() - t0) * 1000)
                fouten[i] += antwoord.status_code != 200

    begin = time.perf_counter()
    draden = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    verstreken = time.perf_counter() - begin
    alle = [t for ts in tijden for t in ts]
    return {
        "aantal": len(alle),
        "per_s": len(alle) / verstreken,
        "mediaan": statistics.median(alle),
        "p95": _p95(alle),
        "fouten": sum(fouten),
    }


def _oordeel(goed: bool) -> str:
    return "gehaald" if goed else "NIET gehaald"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sim_service")
    parser.add_argument("--duur", type=float, default=10.0, help="seconden belasting (10)")
    parser.add_argument("--clients", type=int, default=20, help="gelijktijdige clients (20)")
    parser.add_argument("-n", type=int, default=20, help="losse verschillende gebieden (20)")
    args = parser.parse_args(argv)
    duur = max(1.0, min(args.duur, 600.0))
    clients = max(1, min(args.clients, 200))

    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sim", "--voorbereiden"], check=True)
    t_klaar = time.perf_counter() - t0

    sim = Simulator.default()
    overlay = Overlay(sim)
    regio_rd = geo.naar_rd(sim.gebied_uit_geojson(REGIO))
    t_ovl, _ = tijd(lambda: overlay.bereik(regio_rd), 3)
    ovl = t_ovl * 1000
    print(f"overlay van de regio-polygoon (zelfde run, mediaan van 3): {ovl:,.0f} ms")
    print(
        "voorbereide kopie klaarzetten (python -m sim --voorbereiden; gebouwd als de code of "
        f"data veranderde): {verhouding(t_klaar * 1000, ovl)}"
    )

    poort = _vrije_poort()
    basis = f"http://127.0.0.1:{poort}"
    with Path(os.devnull).open("w") as stil, tempfile.TemporaryDirectory() as opslag:
        start = time.perf_counter()
        proces = subprocess.Popen(
            [sys.executable, "-m", "sim", "--port", str(poort), "--data-dir", opslag],
            stdout=stil,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = start + 120
            _wacht(f"{basis}/api/v1/reach", {"area": REGIO}, deadline)
            t_bereik = time.perf_counter() - start
            t_gezond = _wacht(f"{basis}/healthz", None, deadline)
            print(
                f"\nstart van python -m sim tot het eerste bereik-antwoord: "
                f"{verhouding(t_bereik * 1000, ovl)}; doel < {DOEL_START_S:g} s: "
                f"{_oordeel(t_bereik < DOEL_START_S)}"
            )
            print(f"  /healthz daarna 200 na nog {verhouding(t_gezond * 1000, ovl)}")

            url = f"{basis}/api/v1/reach"
            tijden = []
            with requests.Session() as sessie:
                for gebied in _gebieden(sim, args.n, zaad=1):
                    t = time.perf_counter()
                    antwoord = sessie.post(url, json={"area": gebied}, timeout=60)
                    tijden.append((time.perf_counter() - t) * 1000)
                    antwoord.raise_for_status()
            print(f"\n{args.n} verschillende cirkels na elkaar (geen cache), per verzoek:")
            print(f"  mediaan {verhouding(statistics.median(tijden), ovl)}")
            print(f"  p95     {verhouding(_p95(tijden), ovl)}")

            uitslag = _belast(url, _gebieden(sim, 40, zaad=2), clients, duur)
            print(
                f"\n{clients} gelijktijdige clients, {duur:g} s, 40 gebieden door elkaar "
                f"(herhaalde gebieden uit de antwoordcache): {uitslag['aantal']} verzoeken, "
                f"{uitslag['fouten']} fouten"
            )
            print(
                f"  {uitslag['per_s']:.0f} verzoeken/s; doel >= {DOEL_PER_S:g}: "
                f"{_oordeel(uitslag['per_s'] >= DOEL_PER_S)}"
            )
            print(f"  mediaan {verhouding(uitslag['mediaan'], ovl)}")
            print(
                f"  p95     {verhouding(uitslag['p95'], ovl)}; doel < {DOEL_P95_MS:g} ms: "
                f"{_oordeel(uitslag['p95'] < DOEL_P95_MS)}"
            )
            gezond = requests.get(f"{basis}/healthz", timeout=5).json()
            print(f"  antwoordcache: {json.dumps(gezond.get('antwoordcache'))}")
            print(f"\nsamenvatting ({machine()}):\n")
            rijen = [
                (
                    "start tot eerste bereik-antwoord",
                    t_bereik * 1000,
                    ovl,
                    f"< {DOEL_START_S:g} s",
                    t_bereik < DOEL_START_S,
                ),
                ("losse cirkel (geen cache), mediaan", statistics.median(tijden), ovl, "", True),
                (
                    f"{clients} clients, mediaan ({uitslag['per_s']:.0f} verzoeken/s, "
                    f"doel >= {DOEL_PER_S:g}: {'ja' if uitslag['per_s'] >= DOEL_PER_S else 'nee'})",
                    uitslag["mediaan"],
                    ovl,
                    "",
                    True,
                ),
                (
                    f"{clients} clients, p95",
                    uitslag["p95"],
                    ovl,
                    f"< {DOEL_P95_MS:g} ms",
                    uitslag["p95"] < DOEL_P95_MS,
                ),
            ]
            print(tabel(rijen))
            piek = _piek_mb(proces.pid)
            print(
                f"\ngeheugen van de server (piek RSS, VmHWM): {piek:.0f} MB; doel < {DOEL_MB:.0f} MB: "
                f"{_oordeel(piek < DOEL_MB)}"
            )
        finally:
            proces.terminate()
            proces.wait(timeout=10)
    return 0


def _piek_mb(pid: int) -> float:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmHWM:"):
            return int(regel.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    raise SystemExit(main())
