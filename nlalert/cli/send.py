"""`nlalert send`: compose an exercise or test NL-Alert and put all its broadcasts on a CBC.

Real alerts (modus echt) are refused here on purpose: they go out only through the web app, after
a second person approved them (four eyes). The command line has no second person.

An update, all-clear or cancel (`--type update|einde|cancel --origineel FILE`, FILE being the
`--json` output of the send it follows) first withdraws the broadcasts of that send, then puts
its own on air. The exit status is 0 only when every broadcast is where it should be; 1 when the
CBC refused one, could not be reached, could not say, or cannot carry one beside the others.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from berichten import Bericht, BerichtSoort, Modus
from berichten.identificatie import SerialNumber
from nlalert.cli.fouten import EXIT_CBC
from nlalert.cli.opties import OptieFout, bericht_uit_args, voeg_compose_opties_toe
from nlalert.cli.uitvoer import print_json
from nlalert.fouten import N_, NlalertError
from nlalert.koppelingen.cbc import CBCClient, herken_profiel
from nlalert.koppelingen.ecbe import Uitzending, herhalingen_voor
from nlalert.koppelingen.profiel import PROFIELEN, draagbaar, profiel
from nlalert.koppelingen.uitkomst import Uitkomst
from nlalert.verzending.kanaal import controleer_kanaal

STANDAARD_CBC = "http://127.0.0.1:5001"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser(
        "send",
        help="stel een oefen- of testbericht op en stuur al zijn uitzendingen naar een CBC"
        " (standaard de simulator)",
    )
    voeg_compose_opties_toe(p)
    p.set_defaults(modus_standaard="oefening")
    p.add_argument(
        "--cbc",
        default=os.environ.get("NLALERT_CBC_URL", STANDAARD_CBC),
        help=f"ECBE-adres (standaard $NLALERT_CBC_URL of {STANDAARD_CBC})",
    )
    p.add_argument(
        "--cbc-profiel",
        choices=sorted(PROFIELEN),
        default=os.environ.get("NLALERT_CBC_PROFIEL"),
        help="wat de CBC kan (standaard: nlalert-sim als hij zegt wat hij uitzendt, anders"
        " osmo-cbc-0.4)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="seconden wachten op antwoord (osmo-cbc kan 15 s nemen)",
    )
    p.add_argument("--json", action="store_true", help="JSON voor machines")
    p.set_defaults(handler=run)


def _origineel(pad: Path | None) -> list[Uitzending]:
    """The broadcasts of the send this one follows, from its `--json` output."""
    if pad is None:
        return []
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
        lijst = data.get("uitzendingen") or data["bericht"]["uitzendingen"]
        return [
            Uitzending(
                message_id=int(u["message_identifier"]),
                serial=SerialNumber.parse(int(u["serial_number"]["waarde"])),
                dcs=int(u["dcs"]),
                page_hex=tuple(u["page_hex"]),
            )
            for u in lijst
            if u.get("uitkomst", "gedaan") != "niet_mee"
        ]
    except OSError as exc:
        raise OptieFout(N_("--origineel %(pad)s: %(reden)s"), pad=pad, reden=exc.strerror) from None
    except (ValueError, KeyError, TypeError, AttributeError, NlalertError) as exc:
        raise OptieFout(
            N_("--origineel %(pad)s is geen uitvoer van `nlalert send --json` (%(reden)s)"),
            pad=pad,
            reden=exc,
        ) from None


def _draad(bericht: Bericht) -> list[tuple[Any, Uitzending]]:
    duur = (bericht.verloopt - bericht.tijd).total_seconds()
    uit = []
    for u in bericht.uitzendingen:
        controleer_kanaal(bericht.modus, u.message_identifier)
        uit.append(
            (
                u,
                Uitzending(
                    message_id=u.message_identifier,
                    serial=u.serial,
                    dcs=u.cb.dcs,
                    page_hex=u.cb.page_hex,
                    num_of_bcast=herhalingen_voor(duur),
                    area=bericht.gebied.to_geojson() if bericht.gebied else None,
                    alert=bericht.identifier,
                ),
            )
        )
    return uit


def _regel(u: Any, uitkomst: str, uitleg: str) -> dict[str, Any]:
    return {**u.to_dict(), "uitkomst": uitkomst, "uitleg": uitleg}


def run(args: argparse.Namespace) -> int:
    """Compose, check the channel rules, withdraw what it replaces, send each broadcast, report."""
    if args.modus is None:
        args.modus = Modus.OEFENING.value
    if args.modus == Modus.ECHT.value:
        raise OptieFout(
            N_(
                "echte NL-Alerts gaan alleen via de webapp, na goedkeuring door een tweede"
                " persoon; gebruik --modus oefening of test"
            )
        )
    soort = BerichtSoort(args.soort)
    if soort.volgt_op and args.origineel is None:
        raise OptieFout(
            N_("--type %(soort)s heeft --origineel nodig (de --json van de vorige)"),
            soort=soort.value,
        )
    intrekken = _origineel(args.origineel)
    bericht = bericht_uit_args(args)
    p = profiel(args.cbc_profiel) if args.cbc_profiel else herken_profiel(args.cbc)
    plan = _draad(bericht)
    redenen = draagbaar(p, [(d.message_id, d.serial.message_code) for _u, d in plan], [])
    resultaten: list[dict[str, Any]] = []
    ingetrokken: list[dict[str, Any]] = []
    alles_goed = True
    with CBCClient(args.cbc, profiel=p, timeout=(3.05, args.timeout)) as client:
        for oud in intrekken:
            antwoord = client.trek_in(oud)
            ingetrokken.append(
                {
                    "message_identifier": oud.message_id,
                    "serial_number": oud.serial.waarde,
                    "uitkomst": str(antwoord.uitkomst),
                    "uitleg": str(antwoord.uitleg),
                }
            )
            alles_goed &= antwoord.uitkomst is Uitkomst.GEDAAN
        for (u, draad), reden in zip(plan, redenen, strict=True):
            if reden is not None:
                resultaten.append(_regel(u, "niet_mee", str(reden)))
                alles_goed = False
                continue
            if not alles_goed and intrekken:
                # What it replaces may still be on air: the CBC would refuse, or show both.
                resultaten.append(_regel(u, "niet_verzonden", "het vorige bericht is niet gestopt"))
                continue
            antwoord = client.verzend(draad)
            resultaten.append(
                {
                    **_regel(u, str(antwoord.uitkomst), str(antwoord.uitleg)),
                    "locatie": antwoord.locatie,
                }
            )
            alles_goed &= antwoord.uitkomst is Uitkomst.GEDAAN
    if args.json:
        print_json(
            {
                "bericht": bericht.to_dict(),
                "cbc": args.cbc,
                "cbc_profiel": p.naam,
                "ingetrokken": ingetrokken,
                "uitzendingen": resultaten,
            }
        )
        return 0 if alles_goed else EXIT_CBC
    for regel in ingetrokken:
        print(
            f"Gestopt: kanaal {regel['message_identifier']}, serienummer {regel['serial_number']}:"
            f" {regel['uitkomst']} ({regel['uitleg']})."
        )
    for r in resultaten:
        print(
            f"{'+'.join(r['talen'])}: kanaal {r['message_identifier']}, serienummer"
            f" {r['serial_number']['waarde']}, {r['pages']} pagina('s), DCS 0x{r['dcs']:02X}:"
            f" {r['uitkomst']} ({r['uitleg']})."
        )
        if r.get("locatie"):
            print(f"  Status en bereik: {r['locatie']}")
    if not alles_goed:
        print("Niet alles staat zoals bedoeld bij de CBC; zie hierboven.")
    return 0 if alles_goed else EXIT_CBC
