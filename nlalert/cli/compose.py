"""`nlalert compose`, `nlalert cap` and `nlalert paginas`: a Bericht for people or machines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from berichten import Bericht, Variant, encode, naar_cap
from berichten.spelling import spel, standaard_talen
from nlalert.cli.opties import bericht_uit_args, voeg_compose_opties_toe
from nlalert.cli.uitvoer import print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommands."""
    p = subparsers.add_parser("compose", help="stel een NL-Alert op uit een handelingsperspectief")
    voeg_compose_opties_toe(p)
    p.add_argument("--json", action="store_true", help="JSON voor machines")
    p.add_argument(
        "--kaart",
        type=Path,
        metavar="MAP",
        help="met --variant beeld: schrijf per taal een SVG- en PNG-kaart in deze map",
    )
    p.set_defaults(handler=run_compose)

    p = subparsers.add_parser(
        "cap", help="het bericht als CAP 1.2 XML (gevalideerd tegen het OASIS-schema)"
    )
    voeg_compose_opties_toe(p)
    p.set_defaults(handler=run_cap)

    p = subparsers.add_parser(
        "paginas", help="codering en aantal cell-broadcastpagina's van een tekst"
    )
    p.add_argument("--tekst", required=True)
    p.add_argument("--taal", default="nl", help="taal voor de DCS (standaard nl)")
    p.add_argument("--json", action="store_true", help="JSON voor machines")
    p.set_defaults(handler=run_paginas)


def _vinkje(ok: bool) -> str:
    return "[x]" if ok else "[ ]"


def toon(bericht: Bericht) -> str:
    """A Bericht as readable text for a communicator."""
    cb = bericht.cb
    regels = [
        f"NL-Alert — {bericht.categorie} ({bericht.modus.value}, {bericht.soort.value}, {bericht.variant.value})",
        "",
        bericht.tekst,
        "",
        f"{len(cb.pages)} pagina('s) {cb.encoding.upper()}, {cb.tekens} tekens, DCS 0x{cb.dcs:02X}, "
        f"kanaal {bericht.message_identifier}, serienummer {bericht.serial.waarde} "
        f"(code {bericht.serial.message_code}, update {bericht.serial.update_number})",
    ]
    if len(bericht.uitzendingen) > 1:
        regels += ["", "Uitzendingen (wat naar telefoons gaat):"]
        for u in bericht.uitzendingen:
            regels.append(
                f"  {'+'.join(u.talen)}: kanaal {u.message_identifier}, serienummer"
                f" {u.serial.waarde} (code {u.serial.message_code}), {len(u.cb.pages)}"
                f" pagina('s) {u.cb.encoding.upper()}, DCS 0x{u.cb.dcs:02X}"
            )
    if len(bericht.talen) > 1:
        regels.append("")
        regels.append("Per taal:")
        for t in bericht.talen:
            regels.append(
                f"  {t.taal}: {len(t.cb.pages)} pagina('s) {t.cb.encoding.upper()}, kanaal {t.message_identifier} — {t.tekst}"
            )
    regels += ["", "Volledigheid:"]
    for naam, punt in bericht.volledigheid.punten.items():
        regels.append(f"  {_vinkje(punt.ok)} {naam.replace('_', '/')}: {punt.uitleg}")
    if bericht.waarschuwingen:
        regels += ["", "Waarschuwingen:"]
        regels += [
            f"  ! {w.tekst}" + (f" [{w.taal}]" if w.taal else "") for w in bericht.waarschuwingen
        ]
    return "\n".join(regels)


def _kaarten(bericht: Bericht, map_: Path | None) -> dict[str, dict[str, str]]:
    """The visual cards per language; written as SVG and PNG when a folder is given."""
    from berichten.beeld import kaart_png, kaart_svg

    uit: dict[str, dict[str, str]] = {}
    for t in bericht.talen:
        svg = kaart_svg(bericht, t.taal)
        uit[t.taal] = {"svg": svg}
        if map_ is not None:
            map_.mkdir(parents=True, exist_ok=True)
            basis = map_ / f"kaart-{bericht.categorie}-{t.taal}"
            basis.with_suffix(".svg").write_text(svg, encoding="utf-8")
            basis.with_suffix(".png").write_bytes(kaart_png(svg))
            uit[t.taal].update(
                svg_pad=str(basis.with_suffix(".svg")), png_pad=str(basis.with_suffix(".png"))
            )
    return uit


def run_compose(args: argparse.Namespace) -> int:
    """Compose and print; with --variant beeld also the visual cards."""
    if args.variant == Variant.BEELD.value:
        args.variant = Variant.STANDAARD.value  # the card shows the standard Bericht as pictures
        bericht = bericht_uit_args(args)
        kaarten = _kaarten(bericht, args.kaart)
    else:
        bericht, kaarten = bericht_uit_args(args), {}
    if args.json:
        data = bericht.to_dict()
        if kaarten:
            data["variant"] = Variant.BEELD.value
            for taal, kaart in kaarten.items():
                data["talen"][taal]["kaart"] = kaart
        print_json(data)
    else:
        print(toon(bericht))
        for taal, kaart in kaarten.items():
            print(
                f"kaart {taal}: {kaart.get('png_pad', 'geef --kaart MAP om SVG en PNG te schrijven')}"
            )
    return 0


def run_cap(args: argparse.Namespace) -> int:
    """Compose and print CAP 1.2 XML."""
    sys.stdout.write(naar_cap(bericht_uit_args(args)).decode("utf-8"))
    return 0


def run_paginas(args: argparse.Namespace) -> int:
    """Encoding and page count of any text."""
    from vertalingen import taal

    taal(args.taal)
    cb = encode(args.tekst, args.taal)
    gespeld = spel(args.tekst, args.taal, aan=args.taal in standaard_talen())
    if args.json:
        print_json({**cb.to_dict(), "spelling": gespeld.to_dict() if gespeld else None})
        return 0
    print(
        f"{cb.encoding.upper()}, {len(cb.pages)} pagina('s), {cb.tekens} tekens, DCS 0x{cb.dcs:02X}"
    )
    for c in cb.culprits:
        voorstel = f" — schrijf '{c.voorstel}'" if c.voorstel else ""
        print(f"  '{c.teken}' op positie {c.positie + 1} dwingt UCS-2 af{voorstel}")
    if gespeld is not None and gespeld.bespaart:
        stand = "staat aan" if gespeld.aan else "wordt aangeboden"
        print(
            f"GSM-7-spelling ({stand} voor {args.taal}): {gespeld.paginas_voor} → "
            f"{gespeld.paginas_na} pagina's, {gespeld.bespaart} minder"
        )
        print(f"  {gespeld.gespeld}")
    return 0
