"""`nlalert oefening rapport ID`: the after-action report (text summary, `--pdf`, `--json`,
`--csv`); `nlalert oefening herhaal ID`: a new run of an ended exercise; `nlalert oefening
opmerkingen ID TEKST`: the trainer's remarks (audited, as user `cli`).

The simulator's estimates come from NLALERT_SIM_URL as in the app; `--zonder-bereik` leaves
them out (the area share is geometry and stays).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from nlalert import koppelingen
from nlalert.accounts.gebruikers import Gebruiker
from nlalert.app import create_app
from nlalert.cli.uitvoer import print_json
from nlalert.db import get_db
from nlalert.oefenen import herhaling, opslag
from nlalert.oefenen.rapport import Rapport, maak
from nlalert.oefenen.rapportpdf import pdf
from nlalert.oefenen.rapportuitvoer import als_csv, als_json
from nlalert.taal import getal, gettext


def register(
    opdrachten: argparse._SubParsersAction[argparse.ArgumentParser], trainer: Gebruiker
) -> None:
    """Add rapport, herhaal and opmerkingen to `nlalert oefening`."""
    r = opdrachten.add_parser("rapport", help="het evaluatierapport van een oefening")
    r.add_argument("id", type=int, metavar="ID")
    r.add_argument("--pdf", type=Path, metavar="BESTAND", help="schrijf het rapport als PDF")
    r.add_argument("--csv", type=Path, metavar="BESTAND", help="schrijf één regel per bericht")
    r.add_argument("--json", action="store_true", help="het rapport als JSON op stdout")
    r.add_argument(
        "--zonder-bereik", action="store_true", help="zonder de bereikschattingen van de simulator"
    )
    r.add_argument("--instance", help="instance-map (standaard: $NLALERT_INSTANCE of ./instance)")
    r.set_defaults(handler=run_rapport)
    h = opdrachten.add_parser("herhaal", help="een nieuwe run: zelfde scenario en teams")
    h.add_argument("id", type=int, metavar="ID")
    h.add_argument("--instance", help="instance-map (standaard: $NLALERT_INSTANCE of ./instance)")
    h.set_defaults(handler=run_herhaal, trainer=trainer)
    w = opdrachten.add_parser(
        "wis", help="wis de uitzendingen van deze oefening in de simulator (alleen die)"
    )
    w.add_argument("id", type=int, metavar="ID")
    w.add_argument("--instance", help="instance-map (standaard: $NLALERT_INSTANCE of ./instance)")
    w.set_defaults(handler=run_wis, trainer=trainer)
    o = opdrachten.add_parser("opmerkingen", help="de opmerkingen van de trainer in het rapport")
    o.add_argument("id", type=int, metavar="ID")
    o.add_argument("tekst", metavar="TEKST")
    o.add_argument("--instance", help="instance-map (standaard: $NLALERT_INSTANCE of ./instance)")
    o.set_defaults(handler=run_opmerkingen, trainer=trainer)


def _getal(waarde: float | int | None) -> str:
    return "-" if waarde is None else getal(waarde)


def _minuten(waarde: float | None) -> str:
    return "-" if waarde is None else f"{waarde:.1f}"


def samenvatting(r: Rapport) -> str:
    """The report in a few lines per team."""
    o = r.oefening
    regels = [f"oefening {o.id}: {o.titel} (run {r.run}, {o.toestand})"]
    for t in r.teams:
        regels.append(f"  team {t.naam}: eerste alert na {_minuten(t.eerste_alert_minuten)} min")
        for b in t.berichten:
            f = b.gebiedsfit
            gebied = "" if f is None else f"; gevaarsgebied gedekt {100 * f.aandeel_gedekt:.0f} %"
            regels.append(
                f"    bericht {b.bericht_id} ({b.soort}): indienen {_minuten(b.minuten('indienen'))},"
                f" goedkeuren {_minuten(b.minuten('goedkeuren'))},"
                f" uitzending {_minuten(b.minuten('verzonden'))} min{gebied}"
            )
        for v in t.verwacht:
            stand = ("op tijd" if v.op_tijd else "te laat") if v.bericht_id else "ontbreekt"
            regels.append(f"    verwacht {v.soort}: {stand}")
        if ontbrekend := t.talen_ontbrekend():
            regels.append(f"    niet verzonden in: {', '.join(ontbrekend)}")
    return "\n".join(regels)


def run_rapport(args: argparse.Namespace) -> int:
    """Build the report; write the PDF and CSV files asked for; print JSON or a summary."""
    app = create_app(instance_path=args.instance)
    with app.app_context():
        db = get_db()
        r = maak(db, opslag.lees(db, args.id), opslag.nu(), bereik=not args.zonder_bereik)
        if args.pdf is not None:
            args.pdf.write_bytes(pdf(r, gettext, _getal))
        if args.csv is not None:
            args.csv.write_text(als_csv(r), encoding="utf-8", newline="")
        if args.json:
            print_json(als_json(r))
        else:
            print(samenvatting(r))
    return 0


def run_herhaal(args: argparse.Namespace) -> int:
    """Create the new run (not started); print its id."""
    app = create_app(instance_path=args.instance)
    with app.app_context():
        nieuw = herhaling.herhaal(get_db(), args.id, args.trainer, opslag.nu())
    print(nieuw.id)
    return 0


def run_wis(args: argparse.Namespace) -> int:
    """Clear the exercise's broadcasts from the simulator's exercise store."""
    app = create_app(instance_path=args.instance)
    with app.app_context():
        gewist = herhaling.wis_simulator(
            get_db(), args.id, args.trainer, opslag.nu(), koppelingen.simulator_client()
        )
    print(f"oefening {args.id}: {gewist} uitzendingen gewist in de simulator")
    return 0


def run_opmerkingen(args: argparse.Namespace) -> int:
    """Store the trainer's remarks."""
    app = create_app(instance_path=args.instance)
    with app.app_context():
        herhaling.bewaar_opmerkingen(get_db(), args.id, args.tekst, args.trainer, opslag.nu())
    print(f"oefening {args.id}: opmerkingen bewaard")
    return 0
