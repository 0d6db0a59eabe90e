"""The reach of one alert: the people reached by at least one of its broadcasts.

The broadcasts of one alert share one area but not always one channel: the Dutch text on 4370 and
an English one on the additional-language channel 4383, or an initial alert and its updates. A
person who receives both counts once. Which people receive which broadcast is not in the reports
(they give expected numbers per population unit), so per unit we take the largest expected
number over the broadcasts: a lower bound of "at least one", and the assumption is stated in the
result. The numbers come from the stored JSON reports, so this works after a restart too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

AANNAMES = (
    "Bereik van het alert: per bevolkingseenheid telt het hoogste verwachte bereik van de "
    "uitzendingen van dit alert (zelfde gebied; het kanaal kan verschillen, bijvoorbeeld 4370 en "
    "4383). Wie meer uitzendingen ontvangt, telt één keer.",
    "Dat is een benadering en een ondergrens: wie de ene uitzending mist, mist de andere meestal "
    "om dezelfde reden (telefoon uit, geen dekking), maar niet altijd. Het werkelijke aantal ligt "
    "tussen dit maximum en de som van de uitzendingen (en nooit boven het aantal inwoners).",
)
_PER_EENHEID = ("inwoners_in_gebied", "bereikt", "overshoot")


def alert_bereik(rapporten: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Reach of an alert from its broadcasts' reports (JSON form); None when none has a report."""
    if not rapporten:
        return None
    per_eenheid: dict[str, dict[str, float]] = {}
    for rapport in rapporten:
        for rij in rapport.get("per_eenheid") or ():
            hoogste = per_eenheid.setdefault(str(rij["code"]), dict.fromkeys(_PER_EENHEID, 0.0))
            for veld in _PER_EENHEID:
                hoogste[veld] = max(hoogste[veld], float(rij.get(veld) or 0.0))
    inwoners = round(sum(e["inwoners_in_gebied"] for e in per_eenheid.values()))
    bereikt = round(sum(e["bereikt"] for e in per_eenheid.values()))
    aannames = list(AANNAMES)
    for rapport in rapporten:  # the assumptions of each report, each once, in order
        aannames.extend(a for a in rapport.get("aannames") or () if a not in aannames)
    return {
        "soort": "verwachting (model), geen meting",
        "uitzendingen": len(rapporten),
        "kanalen": sorted({r["kanaal"] for r in rapporten if "kanaal" in r}),
        "inwoners": inwoners,
        "bereikt": bereikt,
        "niet_bereikt": max(inwoners - bereikt, 0),
        "overshoot": round(sum(e["overshoot"] for e in per_eenheid.values())),
        "eenheden": len(per_eenheid),
        "aannames": aannames,
    }
