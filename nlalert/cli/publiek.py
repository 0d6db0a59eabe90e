"""`nlalert publiek export DIR`: the public pages, feeds and CAP documents as static files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nlalert.app import create_app
from nlalert.cli.uitvoer import print_json
from nlalert.fouten import N_, OngeldigeInvoer


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser("publiek", help="de publieke pagina's en CAP-feeds")
    sub = p.add_subparsers(dest="publiek_opdracht", required=True)
    export = sub.add_parser(
        "export",
        help="schrijf de publieke pagina's, feeds en CAP-bestanden als statische bestanden",
    )
    export.add_argument("map", metavar="DIR", help="doelmap (wordt gemaakt als die niet bestaat)")
    export.add_argument(
        "--url",
        help="openbaar adres van de map, voor de links in de feeds"
        " (standaard: $NLALERT_PUBLIEK_URL; zonder: relatieve links)",
    )
    export.add_argument("--json", action="store_true", help="JSON voor machines")
    export.add_argument(
        "--instance", help="instance-map (standaard: $NLALERT_INSTANCE of ./instance)"
    )
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Export the tree; one line per run (or JSON with every file)."""
    from nlalert.publiek.export import exporteer

    if args.url is not None and not args.url.startswith(("https://", "http://")):
        raise OngeldigeInvoer("--url", N_("verwacht een adres dat begint met https://"))
    doel = Path(args.map)
    if doel.exists() and not doel.is_dir():
        raise OngeldigeInvoer("DIR", N_("%(map)s bestaat en is geen map"), map=str(doel))
    app = create_app(instance_path=args.instance)
    if args.url is not None:
        app.config["PUBLIEK_URL"] = args.url
    elif app.config.get("PUBLIEK_URL") is None:
        app.config["PUBLIEK_URL"] = ""  # links relative to each file
        sys.stderr.write("Geen --url of NLALERT_PUBLIEK_URL: de feeds krijgen relatieve links.\n")
    bestanden = exporteer(app, doel)
    if args.json:
        print_json({"map": str(doel), "bestanden": [str(b.relative_to(doel)) for b in bestanden]})
    else:
        print(f"{len(bestanden)} bestanden geschreven naar {doel}.")
    return 0
