"""Every error of the core packages speaks the UI catalogue, so the English UI shows English.

Each error carries a Dutch msgid (`sjabloon`) and its parameters, a reason among them being a
`Melding` of its own. The web layer translates both with the committed nlalert UI catalogue.
Here every error class is raised through the code that raises it, and every msgid it carries
must be in ui.pot and translated in the English ui.po; a source check catches an unmarked one.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import berichten
import handelingsperspectieven
import vertalingen
from berichten import Instellingen, Modus, cirkel, compose, encode, naar_cap, uit_geojson
from berichten.cap_import import MAX_BYTES, _register, uit_cap
from berichten.dcs import dcs_info
from berichten.gsm7 import encode_septets
from berichten.identificatie import GeoScope, SerialNumber
from handelingsperspectieven import laden, perspectief
from handelingsperspectieven.meldingen import Melding, MeldingError
from vertalingen import taal
from vertalingen.beheer import Project
from vertalingen.leesbaarheid import analyseer
from vertalingen.pictogrammen import pictogram_svg

PAKKETTEN = (handelingsperspectieven, vertalingen, berichten)
ROOT = Path(__file__).parents[2]
UI = ROOT / "nlalert" / "locales"
NS = "urn:oasis:names:tc:emergency:cap:1.2"
MOERDIJK = {
    "type": "Polygon",
    "coordinates": [[[4.55, 51.66], [4.70, 51.66], [4.70, 51.72], [4.55, 51.72], [4.55, 51.66]]],
}


def _modules() -> Iterator[str]:
    for pakket in PAKKETTEN:
        yield pakket.__name__
        for info in pkgutil.walk_packages(pakket.__path__, f"{pakket.__name__}."):
            yield info.name


def _fouten() -> set[type[MeldingError]]:
    """Every error class the core packages define."""
    for naam in _modules():
        importlib.import_module(naam)
    gevonden: set[type[MeldingError]] = set()
    open_ = [MeldingError]
    while open_:
        for sub in open_.pop().__subclasses__():
            if sub.__module__.split(".")[0] in {p.__name__ for p in PAKKETTEN}:
                gevonden.add(sub)
            open_.append(sub)
    return gevonden


def _vangen(doe: Callable[[], object]) -> MeldingError:
    with pytest.raises(MeldingError) as info:
        doe()
    return info.value


def _cap_met_gebied(gebied: object) -> bytes:
    velden = {"plaats": "Moerdijk", "link": "crisis.nl"}
    return naar_cap(compose("brand-rook", velden, gebied=uit_geojson(gebied)))


def _ongeldig_toml(pad: Path) -> None:
    pad.write_text("id = \n", encoding="utf-8")
    laden._lees("kapot.toml", pad)


# Families that are never raised themselves, only through a subclass.
ALLEEN_FAMILIE = {
    "CatalogusError",
    "VertalingenError",
    "BerichtError",
    "LeesbaarheidFout",
    "CapImportFout",
}

# Each error class raised where the code raises it; a class raised with its own msgid at every
# raise site (InvalidCombination, OngeldigGebied, BeheerFout) has several.
VOORBEELDEN: dict[str, list[Callable[[Path], object]]] = {
    "OnbekendeCategorie": [lambda _: perspectief("bestaat-niet")],
    "OngeldigBestand": [
        lambda tmp: _ongeldig_toml(tmp / "kapot.toml"),
        lambda _: laden._veld({"kort": 42}, "kort", "x.toml", str),
        lambda _: laden._tekst("x.toml", "Brand in %(plaats)d."),
    ],
    "OnbekendeTaal": [lambda _: taal("xx")],
    "OnbekendPictogram": [lambda _: pictogram_svg("bestaat-niet")],
    "LegeTekst": [lambda _: analyseer("  ")],
    "AlleenNederlands": [lambda _: analyseer("Ga naar binnen.", taal="en")],
    "BeheerFout": [
        lambda _: Project.zoek(Path("/")),
        lambda tmp: Project(root=tmp).map_van("onbekend"),
    ],
    "BerichtTooLong": [lambda _: encode("a" * 2000, "nl")],
    "MissingField": [lambda _: compose("brand-rook", {})],
    "InvalidField": [
        lambda _: compose("brand-rook", {"plaats": "Moerdijk", "link": "geen adres"}),
        lambda _: compose("brand-rook", {"plaats": "Moerdijk", "naam": "Sanne"}),
        lambda _: encode("\ud800", "nl"),
    ],
    "InvalidCombination": [
        lambda _: compose("controlebericht", {}, modus=Modus.ECHT),
        lambda _: compose("controlebericht", {}, duur=timedelta(0)),
    ],
    "MessageCodeOutOfRange": [
        lambda _: SerialNumber(geo_scope=GeoScope.PLMN, message_code=5000, update_number=0)
    ],
    "UnsupportedDcs": [lambda _: dcs_info(0x90)],
    "NotGsm7": [lambda _: encode_septets("ë")],
    "SpellingNietToegestaan": [lambda _: Instellingen(gsm7_spelling=frozenset({"fr", "ar"}))],
    "OngeldigGebied": [
        lambda _: cirkel(51.68, 4.61, 500),
        lambda _: uit_geojson({"type": "Point", "coordinates": [4.6, 51.7]}),
        # One corner off the map: the area's own reason, inside the CAP polygon's.
        lambda _: uit_cap(
            _cap_met_gebied(MOERDIJK).replace(b"51.660000,4.550000", b"4.550000,51.66")
        ),
    ],
    "OngeldigeCap": [
        lambda _: uit_cap(b"<alert xmlns='urn:example'><status>Actual</status></alert>"),
        lambda _: uit_cap(f"<alert xmlns='{NS}'><status>Actual</status></alert>".encode()),
    ],
    "GeenXml": [
        lambda _: uit_cap(b"geen xml"),
        lambda _: uit_cap(b'<!DOCTYPE alert [<!ENTITY x "y">]><alert/>'),
    ],
    "CapTeGroot": [lambda _: uit_cap(b" " * (MAX_BYTES + 1))],
    "CapNietBruikbaar": [lambda _: _register({"nlalert:register": "jij"})],
}


@cache
def _pot() -> frozenset[str]:
    with (UI / "ui.pot").open("rb") as f:
        return frozenset(str(m.id) for m in read_po(f) if m.id)


@cache
def _engels() -> dict[str, str]:
    with (UI / "en" / "LC_MESSAGES" / "ui.po").open("rb") as f:
        po = read_po(f, locale="en")
    return {str(m.id): str(m.string) for m in po if m.id and m.string and not m.fuzzy}


def _heeft_woorden(sjabloon: str) -> bool:
    """False for a template of placeholders and separators only (Melding.opsomming)."""
    return bool(re.search(r"[^\W\d_]", re.sub(r"%\(\w+\)s|%%", "", sjabloon)))


def _sjablonen(waarde: object) -> Iterator[str]:
    """The msgid of an error or Melding and of every Melding among its parameters."""
    if isinstance(waarde, MeldingError | Melding):
        if _heeft_woorden(waarde.sjabloon):
            yield waarde.sjabloon
        for parameter in waarde.parameters.values():
            yield from _sjablonen(parameter)


def _in_het_engels(sjabloon: str, parameters: object) -> str:
    """As nlalert.taal.gettext shows an error: the template and every Melding translated."""
    assert isinstance(parameters, dict)
    vertaald = _engels().get(sjabloon, sjabloon)
    if not parameters:
        return vertaald
    return vertaald % {
        k: _in_het_engels(v.sjabloon, dict(v.parameters)) if isinstance(v, Melding) else v
        for k, v in parameters.items()
    }


def _placeholders(tekst: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sd]", tekst))


def test_every_error_class_has_an_example_or_is_only_a_family() -> None:
    namen = {f.__name__ for f in _fouten()}
    assert len(namen) == len(_fouten()), "two error classes share a name"
    assert namen == set(VOORBEELDEN) | ALLEEN_FAMILIE


@pytest.mark.parametrize(
    ("naam", "nummer"), [(n, i) for n, vs in VOORBEELDEN.items() for i in range(len(vs))]
)
def test_every_error_is_translated_in_the_english_ui(
    naam: str, nummer: int, tmp_path: Path
) -> None:
    fout = _vangen(lambda: VOORBEELDEN[naam][nummer](tmp_path))
    assert type(fout).__name__ == naam
    assert fout.bericht == str(fout) == str(fout.melding)
    sjablonen = list(_sjablonen(fout))
    assert sjablonen[0] == fout.sjabloon
    for sjabloon in sjablonen:
        assert sjabloon in _pot(), f"{sjabloon!r} is not in ui.pot: mark it with N_ and extract"
        assert sjabloon in _engels(), f"{sjabloon!r} has no English translation in ui.po"
        assert _placeholders(_engels()[sjabloon]) == _placeholders(sjabloon)
    # What the English UI shows: a different text, and no Dutch reason left inside it.
    engels = _in_het_engels(fout.sjabloon, dict(fout.parameters))
    assert engels != fout.bericht
    for parameter in fout.parameters.values():
        if isinstance(parameter, Melding) and _heeft_woorden(parameter.sjabloon):
            assert str(parameter) not in engels


def test_a_reason_reaches_the_english_ui_in_english() -> None:
    fout = _vangen(lambda: compose("brand-rook", {"plaats": "Moerdijk", "link": "geen adres"}))
    assert fout.bericht == (
        "veld 'link' is ongeldig: 'geen adres' is geen webadres (bijvoorbeeld crisis.nl)"
    )
    assert _in_het_engels(fout.sjabloon, dict(fout.parameters)) == (
        "field 'link' is invalid: 'geen adres' is not a web address (for example crisis.nl)"
    )


def _aanroep_naam(functie: ast.expr) -> str:
    if isinstance(functie, ast.Name):
        return functie.id
    if isinstance(functie, ast.Attribute):
        return functie.attr
    return ""


def test_no_message_is_a_bare_string() -> None:
    """A msgid or reason passed without N_ never reaches the catalogue; an f-string never could."""
    te_vertalen = {"sjabloon", "reden"}
    posities = {"Melding": {0}}  # call name -> positions of its translatable arguments
    for klasse in _fouten():
        namen = list(inspect.signature(klasse.__init__).parameters)[1:]
        posities[klasse.__name__] = {i for i, n in enumerate(namen) if n in te_vertalen}
    fout: list[str] = []
    for naam in _modules():
        bron = Path(inspect.getfile(importlib.import_module(naam)))
        for node in ast.walk(ast.parse(bron.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            waar = f"{bron.relative_to(ROOT)}:{node.lineno}"
            naam_ = _aanroep_naam(node.func)
            if naam_ in ALLEEN_FAMILIE:
                fout.append(f"{waar} raises a family itself")
            # super().__init__(...) in an error class passes the class's msgid first.
            if naam_ == "__init__" and isinstance(getattr(node.func, "value", None), ast.Call):
                plekken = {0}
            else:
                plekken = posities.get(naam_, set())
            argumenten = [a for i, a in enumerate(node.args) if i in plekken]
            if plekken:
                argumenten += [k.value for k in node.keywords if k.arg in te_vertalen]
            if any(isinstance(a, ast.Constant | ast.JoinedStr | ast.BinOp) for a in argumenten):
                fout.append(waar)
    assert not fout, fout
