"""`nlalert send`: compose an exercise or test NL-Alert and submit it to a CBC or the simulator.

Real alerts (modus echt) are refused here on purpose: they go out only through the web app, after
a second person approved them (four eyes). The command line has no second person.
"""

from __future__ import annotations

import argparse
import os

from berichten import Modus
from nlalert.cbc import CBCClient
from nlalert.cli.opties import OptieFout, bericht_uit_args, voeg_compose_opties_toe
from nlalert.cli.uitvoer import print_json
from nlalert.uitzending import uitzending_voor

STANDAARD_CBC = "http://127.0.0.1:5001"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser(
        "send",
        help="stel een oefen- of testbericht op en stuur het naar een CBC (standaard de simulator)",
    )
    voeg_compose_opties_toe(p)
    p.set_defaults(modus_standaard="oefening")
    p.add_argument(
        "--cbc",
        default=os.environ.get("NLALERT_CBC_URL", STANDAARD_CBC),
        help=f"ECBE-adres (standaard $NLALERT_CBC_URL of {STANDAARD_CBC})",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="seconden wachten op antwoord (osmo-cbc kan 15 s nemen)",
    )
    p.add_argument("--json", action="store_true", help="JSON voor machines")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Compose, check the channel rules, submit, report."""
    if args.modus is None:
        args.modus = Modus.OEFENING.value
    if args.modus == Modus.ECHT.value:
        raise OptieFout(
            "echte NL-Alerts gaan alleen via de webapp, na goedkeuring door een tweede persoon; gebruik --modus oefening of test"
        )
    bericht = bericht_uit_args(args)
    uitzending = uitzending_voor(bericht)
    with CBCClient(args.cbc, timeout=(3.05, args.timeout)) as client:
        resultaat = client.submit(uitzending)
    niet_verzonden = [
        t.taal for t in bericht.talen if t.cb is not bericht.cb and t.taal not in ("nl", "en")
    ]
    if args.json:
        print_json(
            {
                "bericht": bericht.to_dict(),
                "cbc": args.cbc,
                "status": resultaat.status,
                "herhaald": resultaat.herhaald,
                "detail": resultaat.detail,
                "locatie": resultaat.locatie,
                "niet_verzonden_talen": niet_verzonden,
            }
        )
        return 0
    print(
        f"Verzonden naar {args.cbc}: kanaal {uitzending.message_id}, serienummer {bericht.serial.waarde}, {len(uitzending.page_hex)} pagina('s) (HTTP {resultaat.status}{', herhaalde poging' if resultaat.herhaald else ''})."
    )
    if resultaat.locatie:
        print(f"Status en bereik: {resultaat.locatie}")
    if niet_verzonden:
        print(
            f"Let op: {', '.join(niet_verzonden)} niet verzonden; een CBC houdt één actief bericht per kanaal bij."
        )
    return 0
