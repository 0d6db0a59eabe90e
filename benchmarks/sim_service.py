"""`python -m benchmarks.sim_service`: how fast a warm service answers a region-sized reach request.

Starts the service on 127.0.0.1 in a thread, warms it, then times N POSTs to `/api/v1/reach` with
requests and prints the median and p95 against the 100 ms target. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from collections.abc import Sequence

import requests

from sim.service import create_app, serve_in_thread, warm

DOEL_MS = 100.0

# Roughly the veiligheidsregio Utrecht: a region-sized polygon (lon, lat as GeoJSON wants).
REGIO = {
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sim_service")
    parser.add_argument("-n", type=int, default=50, help="aantal gemeten verzoeken (standaard 50)")
    args = parser.parse_args(argv)
    n = max(1, min(args.n, 10_000))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log per request

    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({"DATA_DIR": data_dir})
        begin = time.perf_counter()
        warm(app)
        laden_ms = (time.perf_counter() - begin) * 1000
        url, stop = serve_in_thread(app)
        try:
            with requests.Session() as sessie:
                for _ in range(3):  # warm the HTTP path and any caches
                    sessie.post(f"{url}/api/v1/reach", json={"area": REGIO}, timeout=30)
                tijden: list[float] = []
                for _ in range(n):
                    t0 = time.perf_counter()
                    antwoord = sessie.post(f"{url}/api/v1/reach", json={"area": REGIO}, timeout=30)
                    tijden.append((time.perf_counter() - t0) * 1000)
                    antwoord.raise_for_status()
        finally:
            stop()

    mediaan = statistics.median(tijden)
    p95 = statistics.quantiles(tijden, n=20)[-1] if len(tijden) >= 2 else tijden[0]
    print(f"simulator laden: {laden_ms:.0f} ms")
    print(f"POST /api/v1/reach, regio-polygoon, n={n} (warm, loopback)")
    print(f"  mediaan {mediaan:.1f} ms   p95 {p95:.1f} ms   doel mediaan < {DOEL_MS:.0f} ms")
    print("  " + ("binnen het doel" if mediaan < DOEL_MS else "BOVEN het doel"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
