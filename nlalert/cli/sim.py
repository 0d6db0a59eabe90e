"""`nlalert sim serve`: start the cell-broadcast simulator; `nlalert sim kalibratie`: its check.

`nlalert` and `sim` never import each other (STYLE.md), so this starts `python -m sim` as a child
process with the same interpreter; the child writes straight to our stdout and stderr.
"""

from __future__ import annotations

import argparse
import subprocess
import sys


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser("sim", help="de cell-broadcastsimulator")
    acties = p.add_subparsers(dest="sim_actie", required=True, metavar="actie")
    serve = acties.add_parser("serve", help="start de simulator (ECBE-interface van osmo-cbc)")
    serve.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    serve.add_argument("--port", type=int, default=5001, help="poort (standaard 5001)")
    serve.add_argument("--data-dir", default=None, help="opslagmap (standaard ./instance/sim)")
    serve.set_defaults(handler=run)
    kalibratie = acties.add_parser(
        "kalibratie",
        help="reken het landelijke controlebericht van juni 2020 na met het bereikmodel en zet "
        "het naast de gepubliceerde enquêtes per leeftijdsgroep",
    )
    kalibratie.set_defaults(handler=run_kalibratie)


def opdracht(args: argparse.Namespace) -> list[str]:
    """The command line of the simulator child process."""
    regel = [sys.executable, "-m", "sim", "--host", args.host, "--port", str(args.port)]
    if args.data_dir is not None:
        regel += ["--data-dir", args.data_dir]
    return regel


def run_kalibratie(args: argparse.Namespace) -> int:
    """Print the model's control message beside the surveys (`python -m sim --kalibratie`)."""
    return subprocess.run([sys.executable, "-m", "sim", "--kalibratie"], check=False).returncode


def run(args: argparse.Namespace) -> int:
    """Run the simulator until it stops or the user presses Ctrl-C."""
    with subprocess.Popen(opdracht(args)) as kind:
        try:
            return kind.wait()
        except KeyboardInterrupt:
            # The child got the same SIGINT from the terminal; give it a moment to close cleanly.
            try:
                return kind.wait(timeout=5)
            except subprocess.TimeoutExpired:
                kind.terminate()
                return kind.wait()
