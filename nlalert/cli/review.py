"""`nlalert review CATEGORIE [--html out.html] [--json]`: every language x variant side by side."""

from __future__ import annotations

import argparse
import base64
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from berichten.review import Review, review
from nlalert.cli.uitvoer import print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser(
        "review",
        help="alle talen en varianten van een categorie naast elkaar, voor een toegankelijkheidsreview",
    )
    p.add_argument("categorie")
    p.add_argument("--html", type=Path, metavar="BESTAND", help="schrijf een HTML-rapport")
    p.add_argument("--json", action="store_true", help="JSON voor machines")
    p.set_defaults(handler=run)


def html(r: Review) -> str:
    """The review as a standalone HTML page (autoescaped; cards embedded as data URIs)."""
    omgeving = Environment(
        loader=PackageLoader("nlalert", "templates"), autoescape=select_autoescape(default=True)
    )
    omgeving.filters["b64"] = lambda s: base64.b64encode(s.encode("utf-8")).decode("ascii")
    return omgeving.get_template("cli/review.html").render(review=r)


def run(args: argparse.Namespace) -> int:
    """Build the review and print or write it."""
    r = review(args.categorie, met_beeld=bool(args.html))
    if args.html:
        args.html.write_text(html(r), encoding="utf-8")
    if args.json:
        print_json(r.to_dict())
        return 0
    print(
        f"Review {r.categorie} ({r.naam}): {len(r.regels)} regels, {r.problemen} met een probleem"
    )
    for regel in r.regels:
        lees = (
            f", Flesch-Douma {regel.leesbaarheid['flesch_douma']:.0f}" if regel.leesbaarheid else ""
        )
        fout = f"  ! {len(regel.ontbrekend)} zin(nen) nog Nederlands" if regel.ontbrekend else ""
        fout += "  ! waarde ontbreekt" if not regel.placeholders_ok else ""
        print(
            f"{regel.variant.value:<9} {regel.taal:<3} {regel.encoding} {regel.paginas}p{lees}{fout}"
        )
        print(f"    {regel.tekst}")
    if args.html:
        print(f"HTML: {args.html}")
    return 0
