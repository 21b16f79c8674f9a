"""Who the client is: the peer's address, or, when the peer is a proxy we were told to trust,
the address that proxy forwarded (X-Forwarded-For, X-Forwarded-Proto).

uvicorn's own handling trusts loopback by default and takes whatever string stands in the
header, so one client behind a local proxy, or on the machine itself, could name a new address
per request and escape the per-client limits. Here nothing is trusted unless TRUSTED_PROXIES
names it, and a value that is not an IP address is never taken as a client: the nearest hop we
know stands for it, so garbage shares that hop's limit instead of getting a bucket of its own.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

#: IPv6 clients are limited per /64: one subscriber usually holds a whole one.
IPV6_LIMIT_PREFIX = 64


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """TRUSTED_PROXIES entries (addresses or CIDR blocks); ValueError names a bad one."""
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values)


def resolve_client(peer: str, forwarded_for: Sequence[str], trusted: Sequence[Network]) -> str:
    """The client's address: walk X-Forwarded-For from the right (the hop nearest us) past
    trusted proxies; the first untrusted address is the client. A value that is not an address
    ends the walk at the last hop we could check."""
    client = peer
    if not _is_trusted(_address(peer), trusted):
        return client
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",")]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return client
        client = str(address)
        if not _is_trusted(address, trusted):
            return client
    return client


def limit_key(client: str) -> str:
    """The rate-limit bucket of a client address: the address, or its /64 for IPv6."""
    address = _address(client)
    if not isinstance(address, ipaddress.IPv6Address):
        return str(address) if address is not None else client
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/{IPV6_LIMIT_PREFIX}", strict=False))


def _address(value: str) -> Address | None:
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def is_trusted_peer(peer: str, trusted: Sequence[Network]) -> bool:
    """Whether the connection's peer is one of TRUSTED_PROXIES."""
    return _is_trusted(_address(peer), trusted)


def _is_trusted(address: Address | None, trusted: Sequence[Network]) -> bool:
    return address is not None and any(address in network for network in trusted)


class ClientAddress:
    """Sets scope["client"] (and the scheme) to what resolve_client finds, for every route and
    middleware inside it (the upload rate limit keys on it)."""

    def __init__(self, app: ASGIApp, *, trusted: Sequence[Network]) -> None:
        self.app = app
        self.trusted = tuple(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        peer = scope.get("client")
        if scope["type"] == "http" and peer and _is_trusted(_address(peer[0]), self.trusted):
            scope = dict(scope)
            scope["client"] = (
                resolve_client(peer[0], _header(scope, b"x-forwarded-for"), self.trusted),
                0,
            )
            proto = ",".join(_header(scope, b"x-forwarded-proto")).split(",")[-1].strip()
            if proto in ("http", "https"):
                scope["scheme"] = proto
        await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> list[str]:
    return [value.decode("latin-1") for key, value in scope.get("headers", []) if key == name]
