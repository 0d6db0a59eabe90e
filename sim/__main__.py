"""`python -m sim`: serve the cell-broadcast simulator (default http://127.0.0.1:5001)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sim.service import SimError, kalibratie
from sim.service.app import create_app, voorbereiden
from sim.service.server import http_server, url_van
from sim.service.staat import staat_van


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, load the simulator core, and serve until interrupted."""
    parser = argparse.ArgumentParser(
        prog="python -m sim",
        description="Cell-broadcastsimulator met de ECBE-interface van osmo-cbc.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5001, help="poort (standaard 5001)")
    parser.add_argument(
        "--data-dir", default=None, help="map voor de SQLite-opslag (standaard ./instance/sim)"
    )
    parser.add_argument(
        "--lui",
        action="store_true",
        help="laad het bereikmodel pas bij het eerste verzoek dat het nodig heeft",
    )
    parser.add_argument(
        "--voorbereiden",
        action="store_true",
        help="bouw de voorbereide kopie van het model in de cachemap ($SIM_CACHE_DIR) en stop",
    )
    parser.add_argument(
        "--kalibratie",
        action="store_true",
        help="reken het landelijke controlebericht van juni 2020 na, naast de enquêtes, en stop",
    )
    args = parser.parse_args(argv)
    if args.voorbereiden:
        voorbereiden()
        return 0
    if args.kalibratie:
        try:
            tekst, binnen_marge = kalibratie()
        except (SimError, OSError, ValueError) as exc:  # missing or unreadable data
            sys.stderr.write(f"sim: kalibratie niet uit te rekenen: {exc}\n")
            return 2
        print(tekst, flush=True)
        return 0 if binnen_marge else 1
    config = {} if args.data_dir is None else {"DATA_DIR": args.data_dir}
    app = create_app(config)
    if not args.lui:
        # Load while already listening: /healthz says 503 until then, and a reach request waits.
        staat_van(app).laad_op_achtergrond()
    try:
        server = http_server(app, args.host, args.port)
    except OSError as exc:
        sys.stderr.write(f"sim: kan niet luisteren op {args.host}:{args.port}: {exc}\n")
        return 2
    print(
        f"Simulator luistert op {url_van(server)} (ECBE: {url_van(server)}/api/ecbe/v1)", flush=True
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
