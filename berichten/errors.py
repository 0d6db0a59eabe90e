"""Typed errors of composing and checking a Bericht; each message is a translatable Dutch msgid.

`BerichtError` is the root. Its families live beside the code that raises them: these general
ones, `identificatie.MessageCodeOutOfRange`, `dcs.UnsupportedDcs`, `gsm7.NotGsm7`,
`gebied.OngeldigGebied`, `cap.OngeldigeCap` and `cap_import.CapImportFout` (`GeenXml`,
`CapTeGroot`, `CapNietBruikbaar`).
"""

from __future__ import annotations

from handelingsperspectieven.meldingen import N_, Melding, MeldingError


class BerichtError(MeldingError):
    """Base of every error while composing, encoding or exporting a Bericht."""


class BerichtTooLong(BerichtError):
    """The text needs more cell-broadcast pages than allowed."""

    def __init__(self, pages: int, max_pages: int) -> None:
        self.pages = pages
        self.max_pages = max_pages
        super().__init__(
            N_(
                "de tekst heeft %(paginas)s cell-broadcastpagina's nodig;"
                " het maximum is %(maximum)s"
            ),
            paginas=pages,
            maximum=max_pages,
        )


class MissingField(BerichtError):
    """A required incident field was not filled in."""

    def __init__(self, name: str, categorie: str) -> None:
        self.name = name
        self.categorie = categorie
        super().__init__(
            N_("veld '%(veld)s' is verplicht voor categorie '%(categorie)s'"),
            veld=name,
            categorie=categorie,
        )


class InvalidField(BerichtError):
    """An incident field has a value that cannot be used; `reden` says why."""

    def __init__(self, name: str, reden: Melding) -> None:
        self.name = name
        self.reden = reden
        super().__init__(N_("veld '%(veld)s' is ongeldig: %(reden)s"), veld=name, reden=reden)


class InvalidCombination(BerichtError):
    """Options that cannot go together, such as a test message on the real channel.

    Raised with its own msgid each time: `InvalidCombination(N_("..."), **parameters)`.
    """
