"""How the desktop reaches its server through a company network.

- Certificates are checked against the operating system's trust store
  (``truststore``), so a company CA pushed by GPO or MDM is trusted, plus an
  extra PEM bundle and SHA-256 certificate pins the policy may add.
- The proxy is the policy's, or the system's: ``urllib.request.getproxies()``
  reads the environment (``https_proxy``, ``no_proxy``…) on Linux, the Internet
  Settings on Windows and the network configuration on macOS. A proxy
  auto-config (PAC) script, named by the policy (``proxy_pac_url``) or by the
  system's settings on Windows and macOS, decides first (:mod:`.pac`).
- Plain ``http://`` is refused except to this computer unless the policy allows it.
- A failure is named by its cause (proxy, certificate and its issuer, DNS, TLS
  version, time-out), not as a bare "offline".
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import socket
import ssl
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import truststore

from kshare.client.phrases import QT_TRANSLATE_NOOP, Phrase
from kshare.client.sync import pac
from kshare.client.sync.errors import Offline, SyncError

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 3.0  # reading the certificate of a refused server, to name its issuer
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


class InsecureServer(SyncError):
    """A plain-http server elsewhere than this computer, and the policy does not allow it."""


class NetworkProblem(Offline):
    """The server could not be reached; ``cause`` names why in one word for programs."""

    def __init__(self, message: Phrase, cause: str) -> None:
        super().__init__(message.text)
        self._phrase = message
        self.cause = cause


# Why the server could not be reached, as the sync line says it (after "Offline — ...").
CONTEXT = "NetworkProblem"
PROXY_REFUSED_WHY = QT_TRANSLATE_NOOP(
    "NetworkProblem", "the proxy {proxy} refused the connection ({error})"
)
PROXY_REFUSED = QT_TRANSLATE_NOOP("NetworkProblem", "the proxy {proxy} refused the connection")
NO_ANSWER = QT_TRANSLATE_NOOP("NetworkProblem", "{host} did not answer in time")
NO_ANSWER_VIA = QT_TRANSLATE_NOOP(
    "NetworkProblem", "{host} did not answer in time through the proxy {proxy}"
)
NOT_PINNED = QT_TRANSLATE_NOOP(
    "NetworkProblem", "the certificate of {host} is not one your organisation pinned ({error})"
)
UNTRUSTED = QT_TRANSLATE_NOOP(
    "NetworkProblem", "the certificate of {host} is not trusted ({reason})"
)
UNTRUSTED_BY = QT_TRANSLATE_NOOP(
    "NetworkProblem",
    "the certificate of {host} is not trusted ({reason}); it was issued by {issuer}",
)
NOT_TLS = QT_TRANSLATE_NOOP(
    "NetworkProblem", "{host}:{port} does not answer with TLS (is it an http:// address?)"
)
TLS_VERSION = QT_TRANSLATE_NOOP(
    "NetworkProblem", "{host} offers only a TLS version kshare refuses (TLS 1.2 or newer needed)"
)
TLS_FAILED = QT_TRANSLATE_NOOP("NetworkProblem", "the secure connection to {host} failed ({error})")
PROXY_NOT_FOUND = QT_TRANSLATE_NOOP(
    "NetworkProblem", "the proxy's host name {host} was not found (DNS)"
)
HOST_NOT_FOUND = QT_TRANSLATE_NOOP("NetworkProblem", "the host name {host} was not found (DNS)")
REFUSED = QT_TRANSLATE_NOOP(
    "NetworkProblem", "nothing answers at {host}:{port} (connection refused)"
)
UNREACHABLE = QT_TRANSLATE_NOOP("NetworkProblem", "cannot reach {host} ({error})")
UNREACHABLE_VIA = QT_TRANSLATE_NOOP(
    "NetworkProblem", "cannot reach {host} through the proxy {proxy} ({error})"
)


class PinMismatch(ssl.SSLError):
    """The server's certificate is valid but not one the organisation pinned."""


@dataclass(frozen=True)
class NetworkPolicy:
    proxy: str = "system"  # "system", "none" or a proxy address
    ca_bundle: str = ""
    pins: frozenset[str] = frozenset()
    allow_plain_http: bool = False
    pac_url: str = ""  # a proxy auto-config script: it decides unless the proxy is explicit

    @classmethod
    def from_settings(cls, settings: Any) -> NetworkPolicy:
        pins = str(settings.get("certificate_pins") or "")
        return cls(
            proxy=str(settings.get("proxy") or "system"),
            ca_bundle=str(settings.get("ca_bundle") or ""),
            pins=frozenset(_pin(part) for part in pins.split(",") if part.strip()),
            allow_plain_http=bool(settings.get("allow_plain_http")),
            pac_url=str(settings.get("proxy_pac_url") or ""),
        )


def _pin(text: str) -> str:
    return text.strip().removeprefix("sha256:").replace(":", "").lower()


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(url: str, policy: NetworkPolicy) -> None:
    """Refuse what must not be sent: plain http to another computer, unless allowed."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme != "http" or not parts.hostname:
        raise InsecureServer(f"{url} is not an http:// or https:// address")
    if not is_loopback(parts.hostname) and not policy.allow_plain_http:
        raise InsecureServer(
            f"{url} is not encrypted (http://): kshare connects only with https:// "
            "unless your organisation's policy allows plain http"
        )


def proxy_for(url: str, policy: NetworkPolicy) -> str | None:
    """The proxy this address goes through, or None for a direct connection."""
    if policy.proxy == "none":
        return None
    if policy.proxy != "system":
        return policy.proxy
    parts = urlsplit(url)
    host = parts.hostname or ""
    if is_loopback(host):
        return None
    pac_url = policy.pac_url or pac.system_pac_url()
    if pac_url:
        try:
            return pac.script_for(pac_url, lambda: ssl_context(policy)).proxy_for(url)
        except pac.PacError as exc:
            log.warning("%s; using the system's fixed proxy settings", exc)
    proxies = urllib.request.getproxies()
    if proxies and urllib.request.proxy_bypass(host):
        return None
    return proxies.get(parts.scheme) or proxies.get("all") or None


class _PinnedContext(truststore.SSLContext):
    """The system trust store, and then the organisation's pins on the server certificate."""

    pins: frozenset[str] = frozenset()

    def wrap_socket(self, *args: Any, **kwargs: Any) -> Any:
        sock = super().wrap_socket(*args, **kwargs)
        if self.pins:
            der = sock.getpeercert(binary_form=True) or b""
            fingerprint = hashlib.sha256(der).hexdigest()
            if fingerprint not in self.pins:
                sock.close()
                raise PinMismatch(f"certificate sha256:{fingerprint} is not pinned")
        return sock


def ssl_context(policy: NetworkPolicy) -> ssl.SSLContext:
    context = _PinnedContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.pins = policy.pins
    if policy.ca_bundle:
        try:
            context.load_verify_locations(cafile=policy.ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            log.error("the policy's CA bundle %s cannot be used: %s", policy.ca_bundle, exc)
    return context


def client_options(url: str, policy: NetworkPolicy) -> dict[str, Any]:
    """What ``httpx.Client`` needs to reach ``url`` under this policy."""
    check_address(url, policy)
    return {
        "verify": ssl_context(policy),
        "proxy": proxy_for(url, policy),
        "trust_env": False,  # the proxy is decided above; nothing else is read from the env
    }


# --- naming a failure -------------------------------------------------------------------


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def issuer_of(host: str, port: int) -> str | None:
    """Who issued the certificate ``host`` presents (read without trusting it), if it can be."""
    from cryptography import x509

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host, port), timeout=PROBE_TIMEOUT) as raw,
            context.wrap_socket(raw, server_hostname=host) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
    except (OSError, ssl.SSLError):
        return None
    if not der:
        return None
    try:
        return x509.load_der_x509_certificate(der).issuer.rfc4514_string()
    except ValueError:
        return None


def describe(exc: httpx.TransportError, url: str, proxy: str | None) -> NetworkProblem:
    """The cause of a transport failure in words a person (and their IT) can act on."""
    import httpx  # loaded with the first connection, not with the app

    parts = urlsplit(url)
    host = parts.hostname or url
    port = parts.port or (443 if parts.scheme == "https" else 80)
    chain = _chain(exc)

    def problem(template: str, cause: str, **args: object) -> NetworkProblem:
        return NetworkProblem(Phrase.of(CONTEXT, template, **args), cause)

    def timed_out() -> NetworkProblem:
        if proxy:
            return problem(NO_ANSWER_VIA, "timed_out", host=host, proxy=proxy)
        return problem(NO_ANSWER, "timed_out", host=host)

    def refused() -> NetworkProblem:
        if proxy:
            return problem(PROXY_REFUSED, "proxy_refused", proxy=proxy)
        return problem(REFUSED, "refused", host=host, port=port)

    if isinstance(exc, httpx.ProxyError):
        return problem(PROXY_REFUSED_WHY, "proxy_refused", proxy=proxy, error=exc)
    if isinstance(exc, httpx.TimeoutException):
        return timed_out()
    for cause in chain:
        if isinstance(cause, PinMismatch):
            return problem(NOT_PINNED, "certificate_pin", host=host, error=cause)
        if isinstance(cause, ssl.SSLCertVerificationError):
            issuer = None if proxy else issuer_of(host, port)
            reason = cause.verify_message or getattr(cause, "reason", None) or "not trusted"
            if issuer:
                return problem(
                    UNTRUSTED_BY, "certificate_untrusted", host=host, reason=reason, issuer=issuer
                )
            return problem(UNTRUSTED, "certificate_untrusted", host=host, reason=reason)
        if isinstance(cause, ssl.SSLError):
            text = f"{getattr(cause, 'reason', '') or ''} {cause}".upper()
            if "WRONG_VERSION_NUMBER" in text or "RECORD_LAYER_FAILURE" in text:
                return problem(NOT_TLS, "not_tls", host=host, port=port)
            if "PROTOCOL_VERSION" in text or "UNSUPPORTED_PROTOCOL" in text:
                return problem(TLS_VERSION, "tls_version", host=host)
            return problem(TLS_FAILED, "tls", host=host, error=cause)
        if isinstance(cause, socket.gaierror):
            if proxy:
                target = urlsplit(proxy).hostname
                return problem(PROXY_NOT_FOUND, "host_not_found", host=target)
            return problem(HOST_NOT_FOUND, "host_not_found", host=host)
        if isinstance(cause, ConnectionRefusedError):
            return refused()
        if isinstance(cause, TimeoutError | socket.timeout):
            return timed_out()
    text = str(exc).lower()
    if "name or service not known" in text or "nodename nor servname" in text:
        return problem(HOST_NOT_FOUND, "host_not_found", host=host)
    if "connection refused" in text:
        return refused()
    error = f"{type(exc).__name__}: {exc}"
    if proxy:
        return problem(UNREACHABLE_VIA, "network", host=host, proxy=proxy, error=error)
    return problem(UNREACHABLE, "network", host=host, error=error)
