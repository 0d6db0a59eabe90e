"""A fault-injecting HTTP proxy between a client under test and a CBC, over real loopback sockets.

`StoringProxy(doel=...)` listens on 127.0.0.1 and forwards every request to the target base URL,
unless a fault was planned for it. Faults are planned per request: `plan(*storingen)` queues them
for the next requests in order, `plan_voor(methode, pad_prefix, storing)` for the next request that
matches. A matching `plan_voor` rule wins over the queue; a request with neither passes through.

Connections. The proxy speaks HTTP/1.1 with keep-alive to the client (a `requests.Session` reuses its
connection), always answers with a Content-Length, and closes only when the client asks to
(`Connection: close`, HTTP/1.0) or when a fault closes or resets the connection. To the target it
opens one connection per request and sends `Connection: close`, so a fault never leaves the target
with a half-used connection. If the target cannot be reached, the client gets 502 like behind any
real proxy. It is a reverse proxy: clients use `proxy.url` as their base URL; http targets only.

Stopping. `stop()` releases held requests (unanswered, not forwarded if they were not yet), cuts
every open connection on both sides, and joins every thread: nothing outlives it.
"""

from tests.storing.proxy import StoringProxy
from tests.storing.soorten import (
    AntwoordKwijt,
    Doorlaten,
    Logregel,
    Reset,
    Status,
    StatusNaDoorsturen,
    Storing,
    Vasthouden,
    Vertraging,
)

__all__ = [
    "AntwoordKwijt",
    "Doorlaten",
    "Logregel",
    "Reset",
    "Status",
    "StatusNaDoorsturen",
    "Storing",
    "StoringProxy",
    "Vasthouden",
    "Vertraging",
]
