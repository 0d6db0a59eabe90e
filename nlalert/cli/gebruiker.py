"""`nlalert gebruiker`: add users, issue API tokens, list, disable, enable and delete users."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing

from nlalert.accounts import beheer, gebruikers, tokens
from nlalert.app import open_db
from nlalert.cli.uitvoer import print_json
from nlalert.fouten import OngeldigeInvoer

DOOR = "cli"  # the audit log's actor for command-line changes


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser("gebruiker", help="gebruikers en API-tokens beheren")
    sub = p.add_subparsers(dest="gebruiker_opdracht", required=True)

    add = sub.add_parser("add", help="een gebruiker toevoegen")
    add.add_argument("naam")
    add.add_argument("--rol", required=True, help="opsteller, goedkeurder, reviewer of beheer")
    add.add_argument("--training", action="store_true", help="begin in trainingsmodus")
    add.add_argument(
        "--afzender",
        default="",
        help="standaardafzender van de berichten van deze gebruiker (anders die van de regio)",
    )
    add.add_argument(
        "--wachtwoord-stdin",
        action="store_true",
        help="lees het wachtwoord van stdin (anders wordt een eenmalig wachtwoord gemaakt)",
    )
    _instance(add)
    add.set_defaults(handler=run_add)

    token = sub.add_parser("token", help="een nieuw API-token maken (vervangt het oude)")
    token.add_argument("naam")
    _instance(token)
    token.set_defaults(handler=run_token)

    lijst = sub.add_parser("lijst", help="alle gebruikers")
    lijst.add_argument("--json", action="store_true", help="JSON voor machines")
    _instance(lijst)
    lijst.set_defaults(handler=run_lijst)

    disable = sub.add_parser(
        "disable", help="een gebruiker uitschakelen: sessies en API-token werken meteen niet meer"
    )
    disable.add_argument("naam")
    _instance(disable)
    disable.set_defaults(handler=run_disable)

    enable = sub.add_parser("enable", help="een uitgeschakelde gebruiker weer inschakelen")
    enable.add_argument("naam")
    _instance(enable)
    enable.set_defaults(handler=run_enable)

    delete = sub.add_parser(
        "delete",
        help="een gebruiker verwijderen; de naam blijft in de geschiedenis en wordt nooit"
        " hergebruikt",
    )
    delete.add_argument("naam")
    _instance(delete)
    delete.set_defaults(handler=run_delete)


def _instance(p: argparse.ArgumentParser) -> None:
    p.add_argument("--instance", help="instance-map (standaard: $NLALERT_INSTANCE of ./instance)")


def run_add(args: argparse.Namespace) -> int:
    """Create a user; print the one-time password when none was given."""
    rol = gebruikers.rol(args.rol)
    eenmalig = not args.wachtwoord_stdin
    if eenmalig:
        wachtwoord = gebruikers.genereer_wachtwoord()
    else:
        wachtwoord = sys.stdin.readline().rstrip("\r\n")
        if not wachtwoord:
            raise OngeldigeInvoer("wachtwoord", "geen wachtwoord op stdin")
    with closing(open_db(args.instance)) as db:
        gebruiker = gebruikers.voeg_toe(
            db,
            args.naam,
            rol,
            wachtwoord,
            training=args.training,
            moet_wijzigen=eenmalig,
            afzender=args.afzender,
            door=DOOR,
        )
    training = " in trainingsmodus" if gebruiker.training else ""
    print(f"Gebruiker '{gebruiker.naam}' ({gebruiker.rol}) aangemaakt{training}.")
    if eenmalig:
        print(f"Eenmalig wachtwoord: {wachtwoord}")
        print("Dit wachtwoord moet bij de eerste keer inloggen worden gewijzigd.")
    return 0


def run_token(args: argparse.Namespace) -> int:
    """Issue a new API token and print it once."""
    with closing(open_db(args.instance)) as db:
        token = tokens.maak_token(db, args.naam, door=DOOR)
    print(token)
    sys.stderr.write(
        "Bewaar dit token veilig: het wordt maar één keer getoond.\n"
        "Gebruik: Authorization: Bearer <token>\n"
    )
    return 0


def run_lijst(args: argparse.Namespace) -> int:
    """List users with their role, training mode, state and whether they hold a token."""
    with closing(open_db(args.instance)) as db:
        alle = gebruikers.alle(db)
    if args.json:
        print_json(
            [
                {
                    "naam": g.naam,
                    "rol": str(g.rol),
                    "training": g.training,
                    "actief": g.actief,
                    "token": g.heeft_token,
                }
                for g in alle
            ]
        )
        return 0
    for g in alle:
        kolommen = [g.naam, str(g.rol), "actief" if g.actief else "uitgeschakeld"]
        kolommen.append("token" if g.heeft_token else "geen token")
        print("\t".join(kolommen) + ("\ttraining" if g.training else ""))
    return 0


def run_disable(args: argparse.Namespace) -> int:
    """Disable a user: their sessions and API token stop working at once."""
    with closing(open_db(args.instance)) as db:
        gebruiker = beheer.schakel_uit(db, args.naam, door=DOOR)
    print(f"Gebruiker '{gebruiker.naam}' is uitgeschakeld: sessies en API-token werken niet meer.")
    return 0


def run_enable(args: argparse.Namespace) -> int:
    """Enable a disabled user; a new API token must be issued if they need one."""
    with closing(open_db(args.instance)) as db:
        gebruiker = beheer.schakel_in(db, args.naam, door=DOOR)
    print(f"Gebruiker '{gebruiker.naam}' is ingeschakeld.")
    print(f"Een API-token maakt u zo nodig opnieuw: nlalert gebruiker token {gebruiker.naam}")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """Delete a user; the name stays in the audit log and on berichten, and is never reused."""
    with closing(open_db(args.instance)) as db:
        gebruiker = gebruikers.zoek(db, args.naam)
        beheer.verwijder(db, args.naam, door=DOOR)
    naam = gebruiker.naam if gebruiker is not None else args.naam
    print(f"Gebruiker '{naam}' is verwijderd. De naam blijft in de geschiedenis en wordt niet")
    print("opnieuw uitgegeven.")
    return 0
