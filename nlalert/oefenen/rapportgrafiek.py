"""The timeline chart of one team in the after-action report (matplotlib, Agg: no display).

Minutes run from the exercise's start; each inject is a dashed line, each bericht a row from
made to submitted, approved and on air, and each expected alert's deadline a red dotted line.
Figures are made without pyplot, so drawing is safe from any request thread.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from datetime import datetime

# The Agg canvas is attached to each Figure by hand: pyplot and its backend switch stay out.
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nlalert.fouten import N_
from nlalert.oefenen.rapport import Rapport, Teamrapport

# Colours with at least 3:1 contrast on white, told apart by marker shape too.
KLEUREN = {
    "maken": "#6b6b6b",
    "indienen": "#1f5fa8",
    "goedkeuren": "#8a4f00",
    "verzonden": "#0b6b2e",
}
MARKERS = {"maken": "o", "indienen": "s", "goedkeuren": "D", "verzonden": "^"}
NAMEN = {
    "maken": N_("gemaakt"),
    "indienen": N_("ingediend"),
    "goedkeuren": N_("goedgekeurd"),
    "verzonden": N_("verzonden"),
}

Vertaal = Callable[..., str]


def _minuten(t: datetime, begin: datetime) -> float:
    return (t - begin).total_seconds() / 60


def _begin(r: Rapport, team: Teamrapport) -> datetime | None:
    momenten = [b.inject_op for b in team.berichten if b.inject_op is not None]
    momenten += [m for b in team.berichten for m in b.momenten.values()]
    return r.oefening.klok.begonnen_op or (min(momenten) if momenten else None)


def figuur(r: Rapport, team: Teamrapport, _: Vertaal, *, breedte: float = 8.0) -> Figure:
    """One team's timeline as a matplotlib Figure."""
    fig = Figure(figsize=(breedte, 1.6 + 0.45 * max(1, len(team.berichten))), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    begin = _begin(r, team)
    ax.set_title(_("Team %(team)s", team=team.naam), fontsize=11, loc="left")
    ax.set_xlabel(_("minuten sinds de start"))
    if begin is None:
        ax.text(0.5, 0.5, _("Nog niets."), ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
        fig.tight_layout()
        return fig
    injects = {b.inject: b.inject_op for b in team.berichten if b.inject_op is not None}
    for nummer, t in sorted(injects.items()):
        x = _minuten(t, begin)
        ax.axvline(x, color="#444444", linestyle="--", linewidth=0.8)
        ax.annotate(
            _("inject %(nummer)s", nummer=nummer),
            (x, 1.0),
            xycoords=("data", "axes fraction"),
            fontsize=7,
            rotation=90,
            va="top",
            ha="right",
        )
    for v in team.verwacht:
        if v.uiterlijk is not None:
            ax.axvline(_minuten(v.uiterlijk, begin), color="#b00020", linestyle=":", linewidth=1)
    gezien: set[str] = set()
    rijen = []
    for y, b in enumerate(team.berichten):
        rijen.append(f"{b.bericht_id} {b.soort}")
        punten = [(s, _minuten(t, begin)) for s, t in b.momenten.items() if s in KLEUREN]
        if len(punten) > 1:
            xs = [x for _s, x in punten]
            ax.hlines(y, min(xs), max(xs), color="#999999", linewidth=2)
        for stap, x in punten:
            ax.plot(
                [x],
                [y],
                marker=MARKERS[stap],
                color=KLEUREN[stap],
                linestyle="none",
                markersize=7,
                label=None if stap in gezien else _(NAMEN[stap]),
            )
            gezien.add(stap)
    ax.set_yticks(range(len(rijen)), rijen, fontsize=8)
    ax.set_ylim(-0.7, max(0.7, len(rijen) - 0.3))
    ax.invert_yaxis()
    ax.set_xlim(left=min(0.0, ax.get_xlim()[0]))
    if gezien:
        ax.legend(fontsize=7, loc="lower right", ncols=4, frameon=False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    fig.tight_layout()
    return fig


def svg(r: Rapport, team: Teamrapport, _: Vertaal) -> bytes:
    """The chart as SVG (for the web page)."""
    uit = io.BytesIO()
    figuur(r, team, _).savefig(uit, format="svg", metadata={"Date": None})
    return uit.getvalue()


def svg_data_url(r: Rapport, team: Teamrapport, _: Vertaal) -> str:
    """The SVG as a data: URL for an <img> (the CSP allows data: images, no inline styles)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(r, team, _)).decode("ascii")
