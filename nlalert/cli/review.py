"""`nlalert review CATEGORIE [--html out.html] [--json]`: every language x variant side by side;
`nlalert review --paginas [--json]`: the page census of every language over every category."""

from __future__ import annotations

import argparse
import base64
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from berichten.review import Review, review
from berichten.spelling import Beleid
from berichten.telling import Telling, paginatelling
from nlalert.cli.opties import OptieFout
from nlalert.cli.uitvoer import print_json
from nlalert.fouten import N_


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser(
        "review",
        help="alle talen en varianten van een categorie naast elkaar, voor een toegankelijkheidsreview",
    )
    p.add_argument("categorie", nargs="?")
    p.add_argument(
        "--paginas",
        action="store_true",
        help="pagina's per taal over alle categorieën, zonder en met GSM-7-spelling",
    )
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


def _beleid(b: Beleid) -> str:
    return {Beleid.AAN: "aan", Beleid.AANBOD: "aangeboden", Beleid.NOOIT: "nooit"}[b]


def toon_telling(t: Telling) -> str:
    """The census as a table for people: pages and UCS-2 categories before and after spelling."""
    regels = [
        f"Pagina's per taal over {t.categorieen} categorieën (standaardvariant, voorbeeldwaarden)",
        "",
        f"{'taal':<5}{'spelling':<12}{'zonder':>7}{'met':>6}{'scheelt':>9}"
        f"{'UCS-2 zonder':>14}{'UCS-2 met':>11}",
    ]
    for x in t.talen:
        regels.append(
            f"{x.taal:<5}{_beleid(x.beleid):<12}{x.voor:>7}{x.na:>6}{x.voor - x.na:>9}"
            f"{x.ucs2_voor:>14}{x.ucs2_na:>11}"
        )
    regels += [
        "",
        f"Totaal zonder spelling: {t.voor} pagina's",
        f"Totaal met de standaardinstelling (spelling aan voor"
        f" {', '.join(x.taal for x in t.talen if x.beleid is Beleid.AAN)}): {t.standaard} pagina's",
        f"Totaal met spelling overal waar die mag: {t.na} pagina's",
    ]
    return "\n".join(regels)


def run(args: argparse.Namespace) -> int:
    """Build the review (or the page census) and print or write it."""
    if args.paginas:
        if args.categorie or args.html:
            raise OptieFout(N_("--paginas telt alle categorieën; geef geen categorie of --html"))
        telling = paginatelling()
        if args.json:
            print_json(telling.to_dict())
        else:
            print(toon_telling(telling))
        return 0
    if not args.categorie:
        raise OptieFout(N_("geef een categorie, of --paginas voor de paginatelling"))
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
        if (s := regel.spelling) is not None and s.bespaart:
            stand = "aan" if s.toegepast else "aangeboden"
            anders = "zoals geschreven" if s.toegepast else "gespeld"
            print(f"    GSM-7-spelling ({stand}): {s.paginas_voor} → {s.paginas_na} pagina's")
            print(f"    {anders}: {s.origineel if s.toegepast else s.gespeld}")
    if args.html:
        print(f"HTML: {args.html}")
    return 0
