"""Translatable messages for people: a Dutch msgid with named parameters, translated when shown.

Every package of the pipeline words its errors (and the reasons inside them) this way, so the web
layer can show them in the user's language: it translates `sjabloon` and fills in `parameters`,
translating any parameter that is itself a Melding. `str()` is the filled-in Dutch, the safe
fallback. The msgids belong to the UI domain (nlalert/locales/babel-ui.toml extracts `N_`).

Called Melding, not Tekst: in this package `Tekst` is a broadcast text in both registers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def N_(sjabloon: str) -> str:
    """Mark a Dutch msgid for extraction without translating it yet (Babel keyword `N_`)."""
    return sjabloon


class Melding:
    """A Dutch msgid with its parameters, translated only when it is shown; `str()` is the Dutch."""

    __slots__ = ("parameters", "sjabloon")

    def __init__(self, sjabloon: str, **parameters: object) -> None:
        self.sjabloon = sjabloon
        self.parameters: Mapping[str, object] = parameters

    def __str__(self) -> str:
        return self.sjabloon % self.parameters if self.parameters else self.sjabloon

    def __repr__(self) -> str:
        return f"Melding({str(self)!r})"

    @classmethod
    def opsomming(cls, delen: Iterable[object], scheiding: str = "; ") -> Melding:
        """Several messages in a row; each part that is a Melding is translated on its own."""
        lijst = list(delen)
        # The template is only placeholders and a separator: nothing in it needs a translation.
        sjabloon = scheiding.replace("%", "%%").join(f"%(d{i})s" for i in range(len(lijst)))
        return cls(sjabloon, **{f"d{i}": deel for i, deel in enumerate(lijst)})

    def als_json(self) -> dict[str, object]:
        """A JSON-able form that keeps it translatable (see `uit_json`)."""
        return {
            "sjabloon": self.sjabloon,
            "parameters": {
                k: v.als_json()
                if isinstance(v, Melding)
                else v
                if isinstance(v, int | float | str | None)
                else str(v)
                for k, v in self.parameters.items()
            },
        }

    @classmethod
    def uit_json(cls, data: object) -> Melding:
        """The Melding `als_json` stored; odd input becomes its plain text."""
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


class MeldingError(Exception):
    """Base of the error roots of the pipeline's packages: its message is a Melding.

    `sjabloon` is the Dutch msgid with named placeholders (marked with N_), `parameters` fill it
    in (a parameter may be a Melding, such as a reason), `bericht` and `str()` are the filled-in
    Dutch. Errors carry data, never an HTTP status.
    """

    def __init__(self, sjabloon: str, **parameters: object) -> None:
        self.sjabloon = sjabloon
        self.parameters: Mapping[str, object] = parameters
        self.bericht = str(Melding(sjabloon, **parameters))
        super().__init__(self.bericht)

    @property
    def melding(self) -> Melding:
        """The message as a Melding, to pass on as another error's reason or to store."""
        return Melding(self.sjabloon, **self.parameters)
