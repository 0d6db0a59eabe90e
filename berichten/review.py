"""The review of one category: every language x variant side by side, with what a reviewer checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from berichten import controles
from berichten.compose import Instellingen, compose
from berichten.model import Afzender, Variant
from berichten.modus import Modus
from berichten.spelling import Spelling
from handelingsperspectieven import perspectief, placeholders, voorbeeldvelden
from vertalingen import BRONTAAL, TALEN


@dataclass(frozen=True, slots=True, kw_only=True)
class Regel:
    """One language x variant of the reviewed category."""

    taal: str
    variant: Variant
    tekst: str
    richting: str
    encoding: str
    paginas: int
    tekens: int
    ontbrekend: tuple[str, ...]  # msgids still shown in Dutch
    placeholders_ok: bool  # every filled-in value is in the text
    leesbaarheid: dict[str, Any] | None  # Dutch texts only
    svg: str = ""  # the visual card
    # The text as written and as spelled in GSM-7, when they differ; `tekst` is what goes out.
    spelling: Spelling | None = None

    @property
    def te_lang(self) -> bool:
        """Over the reading limit (a card is an image: its pages do not count)."""
        return self.variant is not Variant.BEELD and controles.te_lang(self.paginas)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (without the SVG, which is large)."""
        return {
            "taal": self.taal,
            "variant": self.variant.value,
            "tekst": self.tekst,
            "richting": self.richting,
            "encoding": self.encoding,
            "paginas": self.paginas,
            "tekens": self.tekens,
            "ontbrekend": list(self.ontbrekend),
            "placeholders_ok": self.placeholders_ok,
            "te_lang": self.te_lang,
            "leesbaarheid": self.leesbaarheid,
            "spelling": None if self.spelling is None else self.spelling.to_dict(),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    """Everything a reviewer signs off for one category."""

    categorie: str
    naam: str
    velden: dict[str, str]
    regels: tuple[Regel, ...]

    @property
    def problemen(self) -> int:
        """Rows with a missing translation, a lost value, or over the reading limit."""
        return sum(1 for r in self.regels if r.ontbrekend or not r.placeholders_ok or r.te_lang)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "categorie": self.categorie,
            "naam": self.naam,
            "velden": self.velden,
            "problemen": self.problemen,
            "regels": [r.to_dict() for r in self.regels],
        }


def _leesbaarheid(tekst: str, negeer: list[str]) -> dict[str, Any]:
    from vertalingen.leesbaarheid import analyseer

    return analyseer(tekst, negeer=negeer).to_dict()


def review(
    categorie: str,
    *,
    tijd: datetime | None = None,
    met_beeld: bool = True,
    instellingen: Instellingen | None = None,
) -> Review:
    """Compose every language x variant of a category with example values, spelled in GSM-7
    where `instellingen` (the default: French and Papiamento) say so."""
    p = perspectief(categorie)
    waarden = voorbeeldvelden(p)
    modus = Modus(p.vaste_modus) if p.vaste_modus else Modus.ECHT
    afzender = Afzender(naam="Veiligheidsregio (voorbeeld)")
    regels: list[Regel] = []
    gebruikt = set().union(
        *(placeholders(t) for t in (p.wat.je, p.kort)), *(a.velden for a in p.acties)
    )
    for variant in (Variant.STANDAARD, Variant.B1, Variant.KORT, Variant.BEELD):
        for code in TALEN:
            if variant is Variant.B1 and code != BRONTAAL:
                continue
            b = compose(
                p,
                waarden,
                talen=[code],
                modus=modus,
                tijd=tijd,
                variant=Variant.STANDAARD if variant is Variant.BEELD else variant,
                afzender=afzender,
                instellingen=instellingen,
            )
            t = b.talen[0]
            svg = ""
            if variant is Variant.BEELD and met_beeld:
                from berichten.beeld import kaart_svg

                svg = kaart_svg(b, code)
            regels.append(
                Regel(
                    taal=code,
                    variant=variant,
                    tekst=t.uitzendtekst,
                    richting=t.richting,
                    encoding=t.cb.encoding,
                    paginas=len(t.cb.pages),
                    tekens=t.cb.tekens,
                    ontbrekend=t.teruggevallen,
                    placeholders_ok=all(
                        waarden[n] in t.tekst
                        for n in (placeholders(p.kort) if variant is Variant.KORT else gebruikt)
                        if n in waarden
                    ),
                    leesbaarheid=_leesbaarheid(t.tekst, list(waarden.values()))
                    if code == BRONTAAL and variant is not Variant.BEELD
                    else None,
                    svg=svg,
                    spelling=t.spelling,
                )
            )
    return Review(categorie=p.id, naam=p.naam_nl, velden=waarden, regels=tuple(regels))
