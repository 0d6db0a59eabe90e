"""Checks on a composed Bericht: completeness and length. Their findings are data for the user."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from berichten.model import Afzender, Controlepunt, Taaltekst, Variant, Volledigheid, Waarschuwing
from berichten.modus import BerichtSoort
from berichten.paginas import CBPaginas
from berichten.velden import EXTRA
from handelingsperspectieven import Handelingsperspectief
from handelingsperspectieven.meldingen import N_, Melding
from vertalingen import BRONTAAL

# The reading limit: the 2022 control message was 4 pages; longer gets hard to read (DOMAIN.md).
WAARSCHUW_BOVEN_PAGINAS = 4
KORT_MAX_TEKENS = 100  # secondary screens (bus stops, billboards) show 90-100 characters


def te_lang(paginas: int) -> bool:
    """Whether a broadcast of this many cell-broadcast pages is too long to read well."""
    return paginas > WAARSCHUW_BOVEN_PAGINAS


def _ucs2(cb: CBPaginas, taal: str) -> list[Waarschuwing]:
    # Only worth saying when respelling the culprits would make the text GSM-7 (Latin scripts);
    # for Arabic or Ukrainian every letter is a culprit and UCS-2 is simply right.
    if cb.encoding != "ucs2" or not cb.culprits or not all(c.voorstel for c in cb.culprits):
        return []
    tekens = Melding.opsomming(
        (
            Melding(
                N_("'%(teken)s' (positie %(positie)s, schrijf %(voorstel)s)"),
                teken=c.teken,
                positie=c.positie + 1,
                voorstel=repr(c.voorstel),
            )
            for c in cb.culprits[:8]
        ),
        ", ",
    )
    return [
        Waarschuwing(
            code="ucs2",
            taal=taal,
            melding=Melding(
                N_(
                    "Deze tekens maken het bericht UCS-2 (%(per_pagina)s in plaats van 93 tekens"
                    " per pagina): %(tekens)s."
                ),
                per_pagina=cb.per_pagina,
                tekens=tekens,
            ),
        )
    ]


def _spelling(t: Taaltekst) -> list[Waarschuwing]:
    """Say when a language goes out in GSM-7 spelling, or would save pages with it."""
    s = t.spelling
    if s is None or not s.bespaart:
        return []
    if s.toegepast:
        melding = Melding(
            N_("De tekst in '%(taal)s' gaat in GSM-7-spelling: %(voor)s → %(na)s pagina's."),
            taal=t.taal,
            voor=s.paginas_voor,
            na=s.paginas_na,
        )
        return [Waarschuwing(code="spelling", taal=t.taal, melding=melding)]
    melding = Melding(
        N_(
            "GSM-7-spelling zou de tekst in '%(taal)s' van %(voor)s op %(na)s pagina's brengen;"
            " de regio kan die aanzetten (NLALERT_GSM7_SPELLING)."
        ),
        taal=t.taal,
        voor=s.paginas_voor,
        na=s.paginas_na,
    )
    return [Waarschuwing(code="spelling-aanbod", taal=t.taal, melding=melding)]


def waarschuwingen(
    *,
    tekst: str,
    cb: CBPaginas,
    talen: Sequence[Taaltekst],
    velden: Mapping[str, str],
    afzender: Afzender,
    variant: Variant,
) -> list[Waarschuwing]:
    """Every warning about a composed Bericht, in the order a communicator should read them."""
    # One language with a spelling offer: the offer says more than the list of characters.
    aanbod = any(t.cb is cb and t.spelling is not None and t.spelling.aanbod for t in talen)
    uit = [] if aanbod else _ucs2(cb, "")
    if te_lang(len(cb.pages)):
        uit.append(
            Waarschuwing(
                code="lang",
                melding=Melding(
                    N_(
                        "Het bericht is %(paginas)s pagina's; boven %(max)s lezen mensen het"
                        " slecht. Maak het korter."
                    ),
                    paginas=len(cb.pages),
                    max=WAARSCHUW_BOVEN_PAGINAS,
                ),
            )
        )
    for t in talen:
        uit += _spelling(t)
        if t.taal != BRONTAAL and t.cb is not cb:
            uit += [] if t.spelling is not None and t.spelling.aanbod else _ucs2(t.cb, t.taal)
            if te_lang(len(t.cb.pages)):
                uit.append(
                    Waarschuwing(
                        code="lang",
                        taal=t.taal,
                        melding=Melding(
                            N_("De tekst in '%(taal)s' is %(paginas)s pagina's."),
                            taal=t.taal,
                            paginas=len(t.cb.pages),
                        ),
                    )
                )
        if variant is Variant.KORT and len(t.tekst) > KORT_MAX_TEKENS:
            uit.append(
                Waarschuwing(
                    code="kort-te-lang",
                    taal=t.taal,
                    melding=Melding(
                        N_(
                            "De korte tekst in '%(taal)s' is %(tekens)s tekens; schermen tonen"
                            " er %(max)s."
                        ),
                        taal=t.taal,
                        tekens=len(t.tekst),
                        max=KORT_MAX_TEKENS,
                    ),
                )
            )
        if t.teruggevallen:
            uit.append(
                Waarschuwing(
                    code="terugval",
                    taal=t.taal,
                    melding=Melding(
                        N_(
                            "%(aantal)s zin(nen) zonder vertaling in '%(taal)s' staan er in het"
                            " Nederlands."
                        ),
                        aantal=len(t.teruggevallen),
                        taal=t.taal,
                    ),
                )
            )
        if (
            t.taal != BRONTAAL
            and EXTRA in velden
            and f"{EXTRA}_{t.taal}" not in velden
            and variant is not Variant.KORT
        ):
            uit.append(
                Waarschuwing(
                    code="extra-niet-vertaald",
                    taal=t.taal,
                    melding=Melding(
                        N_(
                            "De extra zin staat niet in de tekst in '%(taal)s'; geef veld"
                            " %(veld)s om hem te vertalen."
                        ),
                        taal=t.taal,
                        veld=f"{EXTRA}_{t.taal}",
                    ),
                )
            )
    if not afzender.naam:
        uit.append(
            Waarschuwing(
                code="bron",
                melding=Melding(
                    N_(
                        "Geen afzender opgegeven: zeg wie waarschuwt (bijvoorbeeld de"
                        " veiligheidsregio)."
                    )
                ),
            )
        )
    return uit


def volledigheid(
    *,
    p: Handelingsperspectief,
    primair: Taaltekst,
    velden: Mapping[str, str],
    afzender: Afzender,
    soort: BerichtSoort,
    variant: Variant,
) -> Volledigheid:
    """The checklist, judged on the primary language's composed parts, whatever that language is."""
    tekst = primair.tekst
    plaats = velden.get("plaats", "")
    wat_waar = bool(primair.wat) and (
        (bool(plaats) and plaats in tekst) or "plaats" not in p.velden
    )
    # The action sentences as composed in this language must all be in the text.
    actie_ok = (
        soort.beeindigt
        or variant is Variant.KORT
        or (bool(primair.acties) and all(a in tekst for a in primair.acties))
    )
    link = velden.get("link", "")
    # An all-clear repeats no line of the alert it ends, the link included.
    meer_info = soort.beeindigt or (bool(link) and link in tekst) or "nl-alert.nl" in tekst
    # A right-to-left text may open with a mark that sets its direction (see docs).
    tijd_ok = tekst.lstrip("\u200f").startswith("NL-Alert ") and ":" in tekst[:40]
    return Volledigheid(
        wat_waar=Controlepunt(
            ok=wat_waar,
            melding=Melding(N_("zegt wat er gebeurt en waar"))
            if wat_waar
            else Melding(N_("noem wat er gebeurt en waar (veld plaats)")),
        ),
        actie=Controlepunt(
            ok=actie_ok,
            melding=Melding(N_("zegt wat mensen moeten doen"))
            if actie_ok
            else Melding(N_("er staat geen handelingsperspectief in")),
        ),
        meer_info=Controlepunt(
            ok=meer_info,
            melding=Melding(N_("zegt waar meer informatie staat"))
            if meer_info
            else Melding(N_("geef een link voor meer informatie")),
        ),
        bron=Controlepunt(
            ok=bool(afzender.naam),
            melding=Melding(N_("afzender: %(naam)s"), naam=afzender.naam)
            if afzender.naam
            else Melding(N_("geef de afzender op")),
        ),
        tijd=Controlepunt(
            ok=tijd_ok,
            melding=Melding(N_("kop met datum en tijd"))
            if tijd_ok
            else Melding(N_("de kop met datum en tijd ontbreekt")),
        ),
    )
