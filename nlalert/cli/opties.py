"""Options shared by the commands that compose a Bericht (compose, cap, send)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from berichten import (
    Afzender,
    Bericht,
    BerichtSoort,
    Gebied,
    Herkomst,
    Instellingen,
    Modus,
    Variant,
    cirkel,
    compose,
)
from berichten.grens import standaardtalen
from handelingsperspectieven import Register
from nlalert.fouten import N_, NlalertError
from nlalert.opstellen import rookpluim
from nlalert.opstellen.grens import landgrens

# A file named by an option is read whole: a detailed GeoJSON area or a `send --json` output
# fits easily; more is refused before it fills the memory (/dev/zero, say).
MAX_BESTAND_MB = 8
MAX_DIEPTE = 64  # GeoJSON nests about 8 levels; hostile JSON nests until the stack runs out


class OptieFout(NlalertError):
    """A command-line option has a value we cannot use."""


def lees_json_bestand(pad: Path, optie: str) -> object:
    """The JSON in a file an option names; OptieFout when it is too large or nested too deep,
    OSError when it cannot be read, ValueError when it is no JSON."""
    with pad.open("rb") as f:
        tekst = f.read(MAX_BESTAND_MB * 1024 * 1024 + 1)
    if len(tekst) > MAX_BESTAND_MB * 1024 * 1024:
        raise OptieFout(
            N_("%(optie)s %(pad)s is groter dan %(max)s MB"),
            optie=optie,
            pad=pad,
            max=MAX_BESTAND_MB,
        )
    try:
        data = json.loads(tekst.decode("utf-8"))
        te_diep = _diepte(data) > MAX_DIEPTE
    except RecursionError:  # the parser's own stack ran out first
        te_diep = True
    if te_diep:
        raise OptieFout(
            N_("%(optie)s %(pad)s is te diep genest (meer dan %(max)s niveaus)"),
            optie=optie,
            pad=pad,
            max=MAX_DIEPTE,
        )
    return data


def _diepte(waarde: object) -> int:
    """How deep a JSON value nests, counted without recursion."""
    diepste, stapel = 0, [(waarde, 1)]
    while stapel:
        w, d = stapel.pop()
        if isinstance(w, dict | list):
            diepste = max(diepste, d)
            if d <= MAX_DIEPTE:
                stapel.extend((v, d + 1) for v in (w.values() if isinstance(w, dict) else w))
    return diepste


def voeg_compose_opties_toe(p: argparse.ArgumentParser) -> None:
    """The options that describe a Bericht."""
    p.add_argument("categorie", help="id uit `nlalert categorieen`, bijvoorbeeld brand-rook")
    p.add_argument(
        "--veld",
        action="append",
        default=[],
        metavar="NAAM=WAARDE",
        help="incidentveld, herhaalbaar (plaats=Moerdijk)",
    )
    p.add_argument(
        "--taal",
        action="append",
        default=[],
        metavar="CODE",
        help="taal, herhaalbaar (standaard: nl en en)",
    )
    p.add_argument(
        "--modus", choices=[m.value for m in Modus], default=None, help="echt, oefening of test"
    )
    p.add_argument("--type", dest="soort", choices=[s.value for s in BerichtSoort], default="alert")
    p.add_argument("--variant", choices=[v.value for v in Variant], default="standaard")
    p.add_argument(
        "--register", choices=[r.value for r in Register], default="je", help="je (standaard) of u"
    )
    p.add_argument(
        "--tijd", help="tijd van het bericht, ISO-8601 (standaard: nu, Europe/Amsterdam)"
    )
    p.add_argument(
        "--origineel",
        type=Path,
        metavar="JSON",
        help="uitvoer van `compose --json` of `send --json` van het bericht dat deze update,"
        " dit einde of deze intrekking volgt",
    )
    p.add_argument(
        "--afzender",
        default="",
        help="wie waarschuwt, bijvoorbeeld 'Veiligheidsregio Rotterdam-Rijnmond'",
    )
    p.add_argument(
        "--afzender-id", default="nlalert@nl-alert.local", help="CAP sender (zonder spaties)"
    )
    p.add_argument(
        "--berichtcode", type=int, help="message code 0-1023 (standaard afgeleid van het incident)"
    )
    p.add_argument("--cirkel", metavar="LAT,LON,KM", help="doelgebied als cirkel")
    p.add_argument(
        "--gebied",
        type=Path,
        metavar="GEOJSON",
        help='doelgebied als GeoJSON-bestand (of {"sector": {...}} zoals de API)',
    )
    p.add_argument(
        "--sector",
        metavar="LAT,LON,WIND,KM[,HOEK]",
        help="doelgebied als rookpluim: bron, wind uit (graden of windstreek zoals ZW), lengte"
        " in km en openingshoek (standaard 60 graden)",
    )


def _velden(paren: list[str]) -> dict[str, str]:
    uit: dict[str, str] = {}
    for paar in paren:
        naam, is_, waarde = paar.partition("=")
        if not is_ or not naam.strip():
            raise OptieFout(N_("--veld '%(paar)s' moet de vorm NAAM=WAARDE hebben"), paar=paar)
        uit[naam.strip()] = waarde
    return uit


def _tijd(tekst: str | None) -> datetime | None:
    if tekst is None:
        return None
    try:
        return datetime.fromisoformat(tekst)
    except ValueError:
        raise OptieFout(
            N_("--tijd '%(tijd)s' is geen ISO-8601-tijd (bijvoorbeeld 2026-11-22T14:30)"),
            tijd=tekst,
        ) from None


def _herkomst(pad: Path | None) -> Herkomst | None:
    if pad is None:
        return None
    try:
        data: Any = lees_json_bestand(pad, "--origineel")
        if isinstance(data, dict) and isinstance(data.get("bericht"), dict):
            data = data["bericht"]  # the output of `nlalert send --json`
        return Herkomst(
            identifier=data["identifier"],
            sender=data["afzender"]["id"],
            sent=datetime.fromisoformat(data["tijd"]),
            message_identifier=int(data["cb"]["message_identifier"]),
            message_code=int(data["cb"]["serial_number"]["msg_code"]),
            update_nummer=int(data["cb"]["serial_number"]["update_nr"]),
            velden=dict(data["velden"]),
            eerdere=tuple(str(r) for r in data.get("referenties", [])),
        )
    except OSError as exc:
        raise OptieFout(N_("--origineel %(pad)s: %(reden)s"), pad=pad, reden=exc.strerror) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise OptieFout(
            N_(
                "--origineel %(pad)s is geen uitvoer van `nlalert compose --json` of"
                " `nlalert send --json` (%(reden)s)"
            ),
            pad=pad,
            reden=exc,
        ) from None


def _sector(tekst: str, plaats: str) -> Gebied:
    delen = [d.strip() for d in tekst.split(",")]
    try:
        if len(delen) not in (4, 5):
            raise ValueError(tekst)
        lat, lon, km = float(delen[0]), float(delen[1]), float(delen[3])
        hoek = float(delen[4]) if len(delen) == 5 else None
    except ValueError:
        raise OptieFout(
            N_(
                "--sector '%(sector)s' moet LAT,LON,WIND,KM[,HOEK] zijn, bijvoorbeeld"
                " 51.685,4.62,ZW,10 (wind uit het zuidwesten, 10 km)"
            ),
            sector=tekst[:80],
        ) from None
    waarde: dict[str, object] = {"lat": lat, "lon": lon, "wind_uit": delen[2], "lengte_km": km}
    if hoek is not None:
        waarde["hoek"] = hoek
    return rookpluim.sector(waarde, plaats)[0]


def _gebied(args: argparse.Namespace, plaats: str) -> Gebied | None:
    if sum(1 for optie in (args.cirkel, args.gebied, args.sector) if optie) > 1:
        raise OptieFout(N_("geef één van --cirkel, --gebied en --sector"))
    if args.sector:
        return _sector(args.sector, plaats)
    if args.cirkel:
        try:
            lat, lon, km = (float(x) for x in args.cirkel.split(","))
        except ValueError:
            raise OptieFout(
                N_("--cirkel '%(cirkel)s' moet LAT,LON,KM zijn, bijvoorbeeld 51.68,4.61,2"),
                cirkel=args.cirkel,
            ) from None
        return cirkel(lat, lon, km, plaats)
    if args.gebied:
        try:
            data = lees_json_bestand(args.gebied, "--gebied")
        except OSError as exc:
            raise OptieFout(
                N_("--gebied %(pad)s: %(reden)s"), pad=args.gebied, reden=exc.strerror
            ) from None
        except ValueError:
            raise OptieFout(N_("--gebied %(pad)s is geen JSON"), pad=args.gebied) from None
        return rookpluim.gebied_uit_json(data, plaats)
    return None


def bericht_uit_args(args: argparse.Namespace) -> Bericht:
    """Compose the Bericht the options describe."""
    velden = _velden(args.veld)
    gebied = _gebied(args, velden.get("plaats", ""))
    return compose(
        args.categorie,
        velden,
        # On an island its own languages (Papiamento or English, and Dutch) unless given.
        talen=args.taal or standaardtalen(gebied) or ("nl", "en"),
        modus=Modus(args.modus) if args.modus else None,
        soort=BerichtSoort(args.soort),
        tijd=_tijd(args.tijd),
        register=Register(args.register),
        variant=Variant(args.variant),
        gebied=gebied,
        herkomst=_herkomst(args.origineel),
        afzender=Afzender(id=args.afzender_id, naam=args.afzender),
        berichtcode=args.berichtcode,
        instellingen=Instellingen(landgrens=landgrens()),
    )
