"""The after-action report as a printable PDF (matplotlib's PdfPages; A4 portrait).

Page 1 holds the exercise, the comparison between teams and between runs, and the trainer's
remarks; then one page per team: its timeline chart and, per bericht, the measured figures.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.image import imread

from nlalert.oefenen.rapport import Berichtrapport, Rapport, Teamrapport
from nlalert.oefenen.rapportgrafiek import figuur

A4 = (8.27, 11.69)  # inches
Vertaal = Callable[..., str]
Getal = Callable[[float | int | None], str]


def _pagina() -> Figure:
    fig = Figure(figsize=A4)
    FigureCanvasAgg(fig)
    return fig


def _regels(fig: Figure, regels: list[str], boven: float, *, grootte: float = 8.5) -> float:
    """Write lines from `boven` (figure fraction) down; returns where the next line goes."""
    y = boven
    for regel in regels:
        for deel in textwrap.wrap(regel, 105) or [""]:
            fig.text(0.07, y, deel, fontsize=grootte, va="top", family="DejaVu Sans")
            y -= 0.0165 * grootte / 8.5
    return y


def _minuten(_: Vertaal, waarde: float | None) -> str:
    return "-" if waarde is None else _("%(minuten)s min", minuten=format(waarde, ".1f"))


def _bericht(b: Berichtrapport, _: Vertaal, getal: Getal) -> list[str]:
    ontbreekt = [k for k, ok in b.volledigheid.items() if not ok]
    uit = [
        _(
            "Bericht %(id)s (%(soort)s, %(status)s), antwoord op inject %(inject)s",
            id=b.bericht_id,
            soort=b.soort,
            status=b.status,
            inject=b.inject or "-",
        ),
        "  "
        + _(
            "Ingediend %(a)s, goedgekeurd %(b)s, verzonden %(c)s na de inject",
            a=_minuten(_, b.minuten("indienen")),
            b=_minuten(_, b.minuten("goedkeuren")),
            c=_minuten(_, b.minuten("verzonden")),
        ),
        "  "
        + (
            _("Volledig")
            if not ontbreekt
            else _("Ontbreekt: %(punten)s", punten=", ".join(ontbreekt))
        )
        + " · "
        + "; ".join(
            f"{'+'.join(u['talen'])}: {u['paginas']} p. {u['codering']}" for u in b.uitzendingen
        ),
    ]
    for variant, lb in b.leesbaarheid.items():
        uit.append(
            "  "
            + _(
                "Leesbaarheid %(variant)s: Flesch-Douma %(fd)s, %(wpz)s woorden per zin",
                variant=variant,
                fd=getal(lb.flesch_douma),
                wpz=getal(lb.woorden_per_zin),
            )
        )
    uit.append("  " + _("Talen: %(talen)s", talen=", ".join(b.talen)))
    f = b.gebiedsfit
    if f is not None:
        uit.append(
            "  "
            + _("Gevaarsgebied gedekt: %(deel)s %%", deel=getal(round(100 * f.aandeel_gedekt, 1)))
        )
        if f.bereik_fout:
            uit.append("  " + _("Geen bereikschatting: %(reden)s", reden=f.bereik_fout))
        else:
            uit.append(
                "  "
                + _(
                    "Inwoners gevaarsgebied %(inwoners)s, daarvan bereikt %(bereikt)s;"
                    " gealarmeerd buiten het gevaarsgebied %(buiten)s; 75+ gemist %(ouderen)s",
                    inwoners=getal(f.inwoners_gevaar),
                    bereikt=getal(f.bereikt_in_gevaar),
                    buiten=getal(f.gealarmeerd_buiten),
                    ouderen=getal(f.ouderen_gemist),
                )
            )
    return uit


def _team(r: Rapport, t: Teamrapport, _: Vertaal, getal: Getal) -> Figure:
    fig = _pagina()
    grafiek = figuur(r, t, _, breedte=A4[0] - 1)
    buf = io.BytesIO()
    grafiek.savefig(buf, format="png", dpi=150)
    buf.seek(0)
    beeld = imread(buf)
    hoogte = min(0.45, grafiek.get_figheight() / A4[1])
    ax = fig.add_axes((0.05, 0.95 - hoogte, 0.9, hoogte))
    ax.imshow(beeld)
    ax.set_axis_off()
    regels: list[str] = []
    for v in t.verwacht:
        status = (_("op tijd") if v.op_tijd else _("te laat")) if v.bericht_id else _("ontbreekt")
        regels.append(_("Verwacht: %(soort)s — %(status)s", soort=v.soort, status=status))
    ontbrekend = t.talen_ontbrekend()
    regels.append(
        _(
            "Verwachte talen: %(talen)s",
            talen=", ".join(c + (f" ({reden})" if reden else "") for c, reden in t.talen_verwacht),
        )
    )
    if ontbrekend:
        regels.append(_("Niet verzonden in: %(talen)s", talen=", ".join(ontbrekend)))
    regels.append("")
    for b in t.berichten:
        regels += [*_bericht(b, _, getal), ""]
    _regels(fig, regels, 0.93 - hoogte)
    return fig


def _voorblad(r: Rapport, _: Vertaal, getal: Getal) -> Figure:
    fig = _pagina()
    o = r.oefening
    fig.text(0.07, 0.95, _("Evaluatie oefening %(id)s", id=o.id), fontsize=16, va="top")
    regels = [
        o.titel,
        _(
            "Scenario %(scenario)s, run %(run)s, toestand %(toestand)s",
            scenario=o.scenario,
            run=r.run,
            toestand=str(o.toestand),
        ),
        _(
            "Trainer %(trainer)s; gevaarsgebied %(km2)s km²",
            trainer=o.trainer,
            km2=getal(round(r.scenario.grondwaarheid.oppervlakte_km2, 2)),
        ),
        "",
        _("Vergelijking tussen teams"),
    ]
    for t in r.teams:
        verzonden = sum(1 for b in t.berichten if "verzonden" in b.momenten)
        regels.append(
            "  "
            + _(
                "%(team)s: eerste alert %(minuten)s, %(aantal)s verzonden",
                team=t.naam,
                minuten=_minuten(_, t.eerste_alert_minuten),
                aantal=verzonden,
            )
        )
    regels += ["", _("Vergelijking tussen runs van dit scenario")]
    for run in r.runs:
        teams = "; ".join(f"{n}: {_minuten(_, m)} ({v})" for n, m, v in run.teams)
        regels.append(
            "  "
            + _(
                "Run %(run)s (oefening %(id)s): %(teams)s",
                run=run.nummer,
                id=run.oefening_id,
                teams=teams,
            )
        )
    regels += ["", _("Opmerkingen van de trainer"), o.opmerkingen or "-"]
    regels += [
        "",
        _(
            "Minuten: echte tijd vanaf de inject waarop het bericht antwoordt."
            " Bereik: verwachtingen van de simulator (model), geen metingen."
        ),
    ]
    _regels(fig, regels, 0.9, grootte=10)
    return fig


def pdf(r: Rapport, _: Vertaal, getal: Getal) -> bytes:
    """The report as PDF bytes."""
    uit = io.BytesIO()
    with PdfPages(
        uit, metadata={"Title": f"Oefening {r.oefening.id}", "CreationDate": None}
    ) as doc:
        doc.savefig(_voorblad(r, _, getal))
        for t in r.teams:
            doc.savefig(_team(r, t, _, getal))
    return uit.getvalue()
