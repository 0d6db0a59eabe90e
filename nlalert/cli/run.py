"""`nlalert run`: start the web app and the simulator on the embedded defaults."""

from __future__ import annotations

import argparse
import importlib.util
import ipaddress
import os
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import requests
from flask import Flask
from werkzeug.serving import run_simple

from nlalert import koppelingen
from nlalert.accounts import gebruikers
from nlalert.app import create_app
from nlalert.db import init_db, verbind, zonder_wachtwoord
from nlalert.verzending import herstel

STOP_WACHTTIJD = 5.0
START_CONTROLE = 1.0  # seconds to see whether the simulator dies at start-up


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = subparsers.add_parser("run", help="start de webapp en de simulator")
    p.add_argument("--host", default="127.0.0.1", help="adres van de webapp (standaard 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000, help="poort van de webapp (standaard 5000)")
    p.add_argument(
        "--sim-port", type=int, default=5001, help="poort van de simulator (standaard 5001)"
    )
    p.add_argument(
        "--workers",
        type=_aantal_workers,
        default=0,
        metavar="N",
        help="serveer met gunicorn en N werkprocessen (productie); zonder: één proces",
    )
    p.add_argument("--no-sim", action="store_true", help="start de simulator niet")
    p.add_argument("--instance", help="instance-map (standaard: $NLALERT_INSTANCE of ./instance)")
    p.set_defaults(handler=run)


MAX_WORKERS = 64
THREADS_PER_WORKER = 4  # a send waits on the CBC; other requests of that worker go on
WORKER_TIMEOUT = 300  # seconds: a send may wait NLALERT_CBC_TIMEOUT for each of its retries


def _aantal_workers(tekst: str) -> int:
    try:
        aantal = int(tekst)
    except ValueError:
        aantal = 0
    if not 1 <= aantal <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"kies 1 tot en met {MAX_WORKERS} workers")
    return aantal


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bereid_voor(args: argparse.Namespace) -> tuple[Flask, str | None]:
    """Build the app, create the database and the first admin; return the one-time password."""
    config: dict[str, object] = {}
    # Browsers drop Secure cookies on plain http to other hosts; on loopback only, and unless
    # the operator chose otherwise, serve them without the flag (see nlalert.beveiliging).
    if _is_loopback(args.host) and "NLALERT_SESSION_COOKIE_SECURE" not in os.environ:
        config["SESSION_COOKIE_SECURE"] = False
    if "NLALERT_SIM_URL" not in os.environ:
        config["SIM_URL"] = f"http://127.0.0.1:{args.sim_port}"
    app = create_app(config, instance_path=args.instance)
    with closing(verbind(app.config["DATABASE"])) as db:
        init_db(db)
        wachtwoord = gebruikers.eerste_beheerder(db)
    return app, wachtwoord


def _sim_beschikbaar() -> bool:
    # Look for sim/__main__.py without importing `sim`: nlalert never imports the simulator.
    spec = importlib.util.find_spec("sim")
    if spec is None or not spec.submodule_search_locations:
        return False
    return any((Path(p) / "__main__.py").is_file() for p in spec.submodule_search_locations)


def start_sim(poort: int) -> subprocess.Popen[bytes] | None:
    """Start `python -m sim --port N`, or warn and return None when it is not installed."""
    if not _sim_beschikbaar():
        sys.stderr.write(
            "nlalert: waarschuwing: de simulator (python -m sim) is niet beschikbaar;"
            " de webapp start zonder simulator.\n"
        )
        return None
    proces = subprocess.Popen([sys.executable, "-m", "sim", "--port", str(poort)])
    try:
        proces.wait(START_CONTROLE)
    except subprocess.TimeoutExpired:
        return proces  # still running: started
    sys.stderr.write(
        f"nlalert: waarschuwing: de simulator stopte direct (status {proces.returncode});"
        " de webapp draait zonder simulator.\n"
    )
    return None


def stop(proces: subprocess.Popen[bytes] | None) -> None:
    """Stop the simulator we started, politely first."""
    if proces is None or proces.poll() is not None:
        return
    proces.terminate()
    try:
        proces.wait(STOP_WACHTTIJD)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait()


def herstel_bij_start(app: Flask, *, sim_gestart: bool) -> list[int]:
    """Settle every CBC operation a previous process left unfinished (a crash, a kill -9), by
    asking the CBC what it holds; nothing is sent again on its own."""
    with app.app_context(), closing(verbind(app.config["DATABASE"])) as db:
        if not herstel.te_herstellen(db):
            return []
        if sim_gestart:
            _wacht_op(app.config["SIM_URL"])  # it loads its model before it listens
        return herstel.herstel(db, koppelingen.koppelingen(), bij_start=True)


def _wacht_op(url: str, seconden: float = 30.0) -> None:
    """Wait until the simulator answers, or give up (the rows are then settled as unknown)."""
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        try:
            requests.get(url.rstrip("/") + "/api/ecbe/v1/message", timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.2)


def serveer_met_gunicorn(app: Flask, host: str, poort: int, workers: int) -> None:
    """Serve the app with gunicorn and `workers` processes, until SIGTERM or Ctrl-C.

    Everything workers must share lives in the database: sessions are signed cookies checked
    against the user's session epoch, the login rate limit, the outbox and every state change
    (each in one write transaction). The app is built once, before the workers fork.
    """
    from gunicorn.app.base import BaseApplication

    class Gunicorn(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{poort}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", THREADS_PER_WORKER)
            self.cfg.set("timeout", WORKER_TIMEOUT)
            self.cfg.set("graceful_timeout", 30)

        def load(self) -> Flask:
            return app

    Gunicorn().run()


def _stop_bij_sigterm(_signum: int, _frame: object) -> None:
    # Treat `kill` like Ctrl-C, so the simulator we started is stopped too.
    raise KeyboardInterrupt


def _meld(args: argparse.Namespace, app: Flask, wachtwoord: str | None, sim: bool) -> None:
    print(
        f"NL-Alert draait op http://{args.host}:{args.port}"
        f"  (database: {zonder_wachtwoord(app.config['DATABASE'])})"
    )
    if sim:
        print(f"Simulator draait op http://127.0.0.1:{args.sim_port}")
    if wachtwoord is not None:
        naam = gebruikers.EERSTE_BEHEERDER
        print(f"Eerste keer: log in als '{naam}' met eenmalig wachtwoord: {wachtwoord}")
        print(
            "U kiest dan direct een eigen wachtwoord; dit wachtwoord wordt niet nog eens getoond."
        )
    else:
        print("Log in met uw account. Nieuwe gebruikers: nlalert gebruiker add NAAM --rol ROL")
    print("Stoppen: Ctrl-C")


def run(args: argparse.Namespace) -> int:
    """Start everything and block until Ctrl-C (or SIGTERM)."""
    app, wachtwoord = bereid_voor(args)
    vorige = signal.signal(signal.SIGTERM, _stop_bij_sigterm)
    sim = None
    try:
        sim = None if args.no_sim else start_sim(args.sim_port)
        if geraakt := herstel_bij_start(app, sim_gestart=sim is not None):
            print(
                "Onafgemaakte verzendingen bijgewerkt na herstart: berichten "
                + ", ".join(str(i) for i in geraakt)
            )
        _meld(args, app, wachtwoord, sim is not None)
        if args.workers:
            serveer_met_gunicorn(app, args.host, args.port, args.workers)
        else:
            run_simple(args.host, args.port, app, use_reloader=False, threaded=True)
    except KeyboardInterrupt:
        pass
    finally:
        stop(sim)
        signal.signal(signal.SIGTERM, vorige)
    return 0
