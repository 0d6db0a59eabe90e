"""The one exception base of the application package, and the marker for translatable text."""

from __future__ import annotations

from collections.abc import Mapping


def N_(sjabloon: str) -> str:
    """Mark a Dutch msgid for extraction without translating it yet (pybabel `-k N_`)."""
    return sjabloon


class Tekst:
    """A Dutch msgid with its parameters, translated only when it is shown.

    Used as a parameter of an error (the reason of OngeldigeInvoer, the kind of thing that was not
    found), so `nlalert.taal.gettext` translates it along with the error's own template; `str()`
    gives the filled-in Dutch.
    """

    __slots__ = ("parameters", "sjabloon")

    def __init__(self, sjabloon: str, **parameters: object) -> None:
        self.sjabloon = sjabloon
        self.parameters: Mapping[str, object] = parameters

    def __str__(self) -> str:
        return self.sjabloon % self.parameters if self.parameters else self.sjabloon

    def __repr__(self) -> str:
        return f"Tekst({str(self)!r})"

    def als_json(self) -> dict[str, object]:
        """A JSON-able form that keeps it translatable (see `uit_json`)."""
        return {
            "sjabloon": self.sjabloon,
            "parameters": {
                k: v.als_json()
                if isinstance(v, Tekst)
                else v
                if isinstance(v, int | float | str | None)
                else str(v)
                for k, v in self.parameters.items()
            },
        }

    @classmethod
    def uit_json(cls, data: object) -> Tekst:
        """The Tekst `als_json` stored; odd input becomes its plain text."""
        if not isinstance(data, Mapping) or not isinstance(data.get("sjabloon"), str):
            return cls("%(tekst)s", tekst=str(data))
        parameters = data.get("parameters")
        return cls(
            data["sjabloon"],
            **{
                str(k): cls.uit_json(v) if isinstance(v, Mapping) else v
                for k, v in (parameters.items() if isinstance(parameters, Mapping) else ())
            },
        )


class NlalertError(Exception):
    """Base of every error of the application package.

    `sjabloon` is the Dutch msgid with named placeholders, `parameters` fill it in, `bericht` is the
    filled-in Dutch text. The web layer translates `sjabloon` into the user's language; errors never
    know an HTTP status (see `nlalert.app.STATUS`).
    """

    def __init__(self, sjabloon: str, **parameters: object) -> None:
        self.sjabloon = sjabloon
        self.parameters: Mapping[str, object] = parameters
        self.bericht = sjabloon % parameters if parameters else sjabloon
        super().__init__(self.bericht)


class OngeldigeInvoer(NlalertError):
    """A form field or API value is missing, malformed or out of range."""

    def __init__(self, veld: str, reden: str, **parameters: object) -> None:
        """`reden` is a Dutch msgid (mark it with N_) that `parameters` fill in."""
        tekst = Tekst(reden, **parameters)
        self.veld = veld
        self.reden = str(tekst)
        super().__init__(N_("'%(veld)s' is ongeldig: %(reden)s"), veld=veld, reden=tekst)


class NietGevonden(NlalertError):
    """The requested bericht or user does not exist."""

    def __init__(self, wat: str, sleutel: object) -> None:
        """`wat` is a Dutch noun msgid (mark it with N_): bericht, gebruiker, categorie."""
        self.wat = wat
        self.sleutel = sleutel
        super().__init__(N_("%(wat)s '%(sleutel)s' bestaat niet"), wat=Tekst(wat), sleutel=sleutel)
