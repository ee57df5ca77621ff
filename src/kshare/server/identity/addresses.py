"""The address a request really comes from, believing X-Forwarded-For only from our proxies.

Behind a load balancer every connection comes from the balancer, so without
this one address would carry everyone's sign-in budget. But a header anyone
can send must not choose their address either: it is read only when the
connection comes from a configured proxy, and then from the right, skipping
further trusted hops, to the first address no proxy of ours vouches for.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable
from functools import lru_cache

log = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MAX_HOPS = 20  # a forwarded chain longer than this is not believed past its last hops


def parse_networks(specs: Iterable[str]) -> tuple[Network, ...]:
    """``10.0.0.5``, ``10.0.0.0/8`` or ``fd00::/8``; raises ValueError naming a bad one."""
    out = []
    for spec in specs:
        try:
            out.append(ipaddress.ip_network(spec.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"not an address or network: {spec!r}") from exc
    return tuple(out)


@lru_cache(maxsize=16)
def _networks(specs: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(specs)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str, forwarded_for: list[str], trusted_proxies: tuple[str, ...]) -> str:
    """The client's address, given the connecting ``peer`` and the X-Forwarded-For headers."""
    networks = _networks(trusted_proxies)
    if not networks or not _trusted(peer, networks):
        return peer
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",") if hop.strip()]
    hops = hops[-MAX_HOPS:]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                log.info("a trusted proxy forwarded a malformed address; using the proxy's")
                return peer
    return hops[0] if hops else peer
