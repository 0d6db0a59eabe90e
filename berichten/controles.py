"""Checks on a composed Bericht: completeness and length. Their findings are data for the user."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from berichten.model import Afzender, Controlepunt, Taaltekst, Variant, Volledigheid, Waarschuwing
from berichten.modus import BerichtSoort
from berichten.paginas import CBPaginas
from berichten.velden import EXTRA
from handelingsperspectieven import Handelingsperspectief
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
    tekens = ", ".join(
        f"'{c.teken}' (positie {c.positie + 1}{f', schrijf {c.voorstel!r}' if c.voorstel else ''})"
        for c in cb.culprits[:8]
    )
    return [
        Waarschuwing(
            code="ucs2",
            taal=taal,
            tekst=f"Deze tekens maken het bericht UCS-2 ({cb.per_pagina} in plaats van 93 tekens per pagina): {tekens}.",
        )
    ]


def _spelling(t: Taaltekst) -> list[Waarschuwing]:
    """Say when a language goes out in GSM-7 spelling, or would save pages with it."""
    s = t.spelling
    if s is None or not s.bespaart:
        return []
    if s.toegepast:
        tekst = (
            f"De tekst in '{t.taal}' gaat in GSM-7-spelling: {s.paginas_voor} → {s.paginas_na}"
            " pagina's."
        )
        return [Waarschuwing(code="spelling", taal=t.taal, tekst=tekst)]
    tekst = (
        f"GSM-7-spelling zou de tekst in '{t.taal}' van {s.paginas_voor} op {s.paginas_na}"
        " pagina's brengen; de regio kan die aanzetten (NLALERT_GSM7_SPELLING)."
    )
    return [Waarschuwing(code="spelling-aanbod", taal=t.taal, tekst=tekst)]


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
                tekst=f"Het bericht is {len(cb.pages)} pagina's; boven {WAARSCHUW_BOVEN_PAGINAS} lezen mensen het slecht. Maak het korter.",
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
                        tekst=f"De tekst in '{t.taal}' is {len(t.cb.pages)} pagina's.",
                    )
                )
        if variant is Variant.KORT and len(t.tekst) > KORT_MAX_TEKENS:
            uit.append(
                Waarschuwing(
                    code="kort-te-lang",
                    taal=t.taal,
                    tekst=f"De korte tekst in '{t.taal}' is {len(t.tekst)} tekens; schermen tonen er {KORT_MAX_TEKENS}.",
                )
            )
        if t.teruggevallen:
            uit.append(
                Waarschuwing(
                    code="terugval",
                    taal=t.taal,
                    tekst=f"{len(t.teruggevallen)} zin(nen) zonder vertaling in '{t.taal}' staan er in het Nederlands.",
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
                    tekst=f"De extra zin staat niet in de tekst in '{t.taal}'; geef veld {EXTRA}_{t.taal} om hem te vertalen.",
                )
            )
    if not afzender.naam:
        uit.append(
            Waarschuwing(
                code="bron",
                tekst="Geen afzender opgegeven: zeg wie waarschuwt (bijvoorbeeld de veiligheidsregio).",
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
    tijd_ok = tekst.startswith("NL-Alert ") and ":" in tekst[:40]
    return Volledigheid(
        wat_waar=Controlepunt(
            ok=wat_waar,
            uitleg="zegt wat er gebeurt en waar"
            if wat_waar
            else "noem wat er gebeurt en waar (veld plaats)",
        ),
        actie=Controlepunt(
            ok=actie_ok,
            uitleg="zegt wat mensen moeten doen"
            if actie_ok
            else "er staat geen handelingsperspectief in",
        ),
        meer_info=Controlepunt(
            ok=meer_info,
            uitleg="zegt waar meer informatie staat"
            if meer_info
            else "geef een link voor meer informatie",
        ),
        bron=Controlepunt(
            ok=bool(afzender.naam),
            uitleg=f"afzender: {afzender.naam}" if afzender.naam else "geef de afzender op",
        ),
        tijd=Controlepunt(
            ok=tijd_ok,
            uitleg="kop met datum en tijd" if tijd_ok else "de kop met datum en tijd ontbreekt",
        ),
    )
