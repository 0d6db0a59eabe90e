"""The proxy itself: its plan of faults, its log, and starting and stopping it cleanly."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections import deque
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

from tests.storing.doorgeven import Server
from tests.storing.soorten import Doorlaten, Logregel, Storing


class StoringProxy:
    """HTTP/1.1 proxy on 127.0.0.1 that forwards to `doel` and applies the planned faults."""

    def __init__(self, doel: str, *, doel_timeout: float = 30.0) -> None:
        delen = urlsplit(doel)
        if delen.scheme != "http" or not delen.hostname:
            raise ValueError(f"StoringProxy forwards to http:// URLs only, not {doel!r}")
        self.doel = doel
        self.doel_timeout = doel_timeout
        self._doelhost = delen.hostname
        self._doelpoort = delen.port or 80
        self._doelnetloc = delen.netloc
        self._basispad = delen.path.rstrip("/")
        self.log: list[Logregel] = []
        self.fouten: list[BaseException] = []  # the proxy's own bugs; a test should see none
        self.aangekomen = threading.Event()  # a request to hold arrived
        self.doorgestuurd = threading.Event()  # a request held after forwarding reached the target
        self._slot = threading.Condition()
        self._wachtrij: deque[Storing] = deque()
        self._regels: list[tuple[str | None, str, Storing]] = []
        self._vastgehouden: list[threading.Event] = []
        self._sockets: set[socket.socket] = set()
        self._gestopt = threading.Event()
        self._server: Server | None = None
        self._lus: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL of the proxy, `http://127.0.0.1:PORT`."""
        if self._server is None:
            raise RuntimeError("StoringProxy is not started")
        return f"http://127.0.0.1:{self._server.server_port}"

    def start(self) -> None:
        """Listen on a free port and serve from a thread."""
        if self._server is not None:
            raise RuntimeError("a StoringProxy starts once")
        self._server = Server(self)
        # A short poll interval, because shutdown() waits for the serve loop to notice it.
        self._lus = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._lus.start()

    def stop(self) -> None:
        """Release held requests, cut open connections, close the port and join every thread."""
        if self._server is None or self._gestopt.is_set():
            return
        self._server.shutdown()  # accept no more connections
        assert self._lus is not None
        self._lus.join()
        with self._slot:
            self._gestopt.set()
            for los in self._vastgehouden:
                los.set()
            self._vastgehouden.clear()
            for sock in self._sockets:
                _sluit_af(sock)
        self._server.server_close()  # joins the handler threads

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        soort: type[BaseException] | None,
        fout: BaseException | None,
        spoor: TracebackType | None,
    ) -> None:
        self.stop()

    def wis_plan(self) -> None:
        """Forget every fault still planned (queued or by rule) that no request used."""
        with self._slot:
            self._wachtrij.clear()
            self._regels.clear()

    def plan(self, *storingen: Storing) -> None:
        """Queue faults for the next requests, one each, in order."""
        with self._slot:
            self._wachtrij.extend(storingen)

    def plan_voor(self, methode: str | None, pad_prefix: str, storing: Storing) -> None:
        """Apply `storing` to the next request with this method (None: any) and path prefix."""
        with self._slot:
            self._regels.append((methode.upper() if methode else None, pad_prefix, storing))

    def laat_los(self) -> None:
        """Release every held request, also one still on its way to its hold; reset the events."""
        with self._slot:
            self.aangekomen.clear()
            self.doorgestuurd.clear()
            for los in self._vastgehouden:
                los.set()
            self._vastgehouden.clear()

    def wacht_op(self, aantal: int, timeout: float = 5.0) -> list[Logregel]:
        """Wait until `aantal` requests are logged and return the log; TimeoutError otherwise."""
        with self._slot:
            if not self._slot.wait_for(lambda: len(self.log) >= aantal, timeout):
                raise TimeoutError(f"{len(self.log)} of {aantal} requests logged in {timeout} s")
            return list(self.log)

    # The handler threads call what follows.

    def _kies(self, methode: str, pad: str) -> Storing:
        with self._slot:
            for nr, (regelmethode, prefix, storing) in enumerate(self._regels):
                if regelmethode in (None, methode.upper()) and pad.startswith(prefix):
                    del self._regels[nr]
                    return storing
            return self._wachtrij.popleft() if self._wachtrij else Doorlaten()

    def _meld_vast(self) -> threading.Event:
        """Register a request to hold now, so `laat_los()` reaches it even before it waits."""
        los = threading.Event()
        with self._slot:
            if self._gestopt.is_set():
                los.set()
            else:
                self._vastgehouden.append(los)
            self.aangekomen.set()
        return los

    def _meld_doorgestuurd(self, los: threading.Event) -> None:
        with self._slot:
            if not los.is_set():  # a late signal would wrongly answer the next hold's wait
                self.doorgestuurd.set()

    def _noteer(self, regel: Logregel) -> None:
        with self._slot:
            self.log.append(regel)
            self._slot.notify_all()

    def _volg(self, sock: socket.socket) -> None:
        """Track an open socket so stop() can cut it; one opened after stop() is cut at once."""
        with self._slot:
            if self._gestopt.is_set():
                _sluit_af(sock)
            else:
                self._sockets.add(sock)

    def _vergeet(self, sock: socket.socket) -> None:
        with self._slot:
            self._sockets.discard(sock)


def _sluit_af(sock: socket.socket) -> None:
    """Shut a socket down so a thread blocked on it wakes up; its owner closes it."""
    with contextlib.suppress(OSError):  # already closed, or never connected
        sock.shutdown(socket.SHUT_RDWR)
