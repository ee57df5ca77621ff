"""Proxy auto-config (PAC): which proxy an address goes through, as the company's script says.

The script's address comes from the policy (``proxy_pac_url``) or, when the proxy is
"system", from the operating system where it offers one (Windows Internet Settings,
macOS network preferences; pypac reads both). It is fetched directly (never through a
proxy), bounded in size and time, checked against the same trust store as the server,
and evaluated with pypac's JavaScript sandbox (dukpy: no file or network access) in a
separate process that is killed if the script runs too long (a loop in JavaScript would
otherwise hold the desktop's thread for ever). Answers are kept per host for a while,
so a sync does not run the script per request.
A script that cannot be fetched or evaluated is logged and the connection goes direct,
where the failure, if any, is then named as usual.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from kshare.clock import SYSTEM, Clock

log = logging.getLogger(__name__)

MAX_SCRIPT_BYTES = 1024 * 1024
FETCH_TIMEOUT = 5.0
SCRIPT_TTL_S = 30 * 60.0  # scripts change rarely; a restart or this long picks up a new one
ANSWER_CACHE = 1024  # hosts remembered per script
EVAL_TIMEOUT = 10.0  # seconds one answer of the script may take, process start included


class PacError(Exception):
    """The PAC script could not be fetched or evaluated; the message says why."""


def system_pac_url() -> str:
    """The PAC address the operating system is configured with, or ""."""
    try:
        from pypac import os_settings
    except ImportError:
        return ""
    try:
        if os_settings.ON_WINDOWS:
            return str(os_settings.autoconfig_url_from_registry() or "")
        if os_settings.ON_DARWIN:
            return str(os_settings.autoconfig_url_from_preferences() or "")
    except (OSError, ValueError, os_settings.NotWindowsError, os_settings.NotDarwinError) as exc:
        log.info("cannot read the system's proxy auto-config address: %s", exc)
    return ""


def parse_answer(answer: str) -> str | None:
    """The first usable proxy of a ``FindProxyForURL`` answer as a URL; None for DIRECT."""
    for entry in answer.split(";"):
        words = entry.split()
        if not words:
            continue
        kind = words[0].upper()
        if kind == "DIRECT":
            return None
        if len(words) < 2:
            continue
        scheme = {
            "PROXY": "http",
            "HTTP": "http",
            "HTTPS": "https",
            "SOCKS": "socks5",
            "SOCKS5": "socks5",
        }.get(kind)
        if scheme:
            return f"{scheme}://{words[1]}"
    return None


class PacScript:
    """One PAC script, fetched and compiled on first use, its answers cached per host."""

    def __init__(
        self,
        url: str,
        fetch: Callable[[str], str] | None = None,
        clock: Clock = SYSTEM,
        timeout: float = EVAL_TIMEOUT,
    ) -> None:
        self.url = url
        self._fetch = fetch or fetch_script
        self._clock = clock
        self._timeout = timeout
        self._lock = threading.Lock()
        self._script: str | None = None
        self._loaded_at = 0.0
        self._answers: dict[str, str | None] = {}

    def proxy_for(self, url: str) -> str | None:
        host = urlsplit(url).hostname or ""
        with self._lock:
            now = self._clock.monotonic()
            if self._script is None or now - self._loaded_at > SCRIPT_TTL_S:
                self._script = self._fetch(self.url)
                self._loaded_at = now
                self._answers.clear()
            key = f"{urlsplit(url).scheme}://{host}"
            if key not in self._answers:
                if len(self._answers) >= ANSWER_CACHE:
                    self._answers.clear()
                answer = self._evaluate(self._script, url, host)
                self._answers[key] = parse_answer(answer)
            return self._answers[key]

    def _evaluate(self, script: str, url: str, host: str) -> str:
        context = multiprocessing.get_context("spawn")  # never fork a threaded desktop
        with context.Pool(1) as pool:
            pending = pool.apply_async(evaluate, (script, url, host))
            try:
                ok, text = pending.get(self._timeout)
            except multiprocessing.TimeoutError as exc:
                pool.terminate()
                raise PacError(
                    f"the PAC script {self.url} took more than {self._timeout:g} s for {host}"
                ) from exc
        if not ok:
            raise PacError(f"the PAC script {self.url} {text}")
        return text


def evaluate(script: str, url: str, host: str) -> tuple[bool, str]:
    """In the evaluating process: (True, the script's answer) or (False, what went wrong)."""
    from pypac.parser import PACFile

    try:
        pac = PACFile(script)
    except Exception as exc:  # MalformedPacError, a JavaScript syntax error
        return False, f"is not valid: {exc}"
    try:
        return True, str(pac.find_proxy_for_url(url, host))
    except Exception as exc:  # a script error is the script's, never a crash
        return False, f"failed for {host}: {exc}"


def fetch_script(url: str, verify: Any = True) -> str:
    """The text of the PAC script at ``url`` (http, https or file), at most 1 MB."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_SCRIPT_BYTES + 1)
        except OSError as exc:
            raise PacError(f"cannot read the PAC script {path}: {exc.strerror}") from exc
    elif parts.scheme in ("http", "https"):
        import httpx  # only when a PAC script is fetched

        try:
            with httpx.stream(
                "GET", url, timeout=FETCH_TIMEOUT, verify=verify, trust_env=False
            ) as response:
                if response.status_code != 200:
                    raise PacError(f"the PAC script {url} answered HTTP {response.status_code}")
                data = b""
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > MAX_SCRIPT_BYTES:
                        break
        except httpx.HTTPError as exc:
            raise PacError(f"cannot fetch the PAC script {url}: {exc}") from exc
    else:
        raise PacError(f"{url} is not an http://, https:// or file:// address")
    if len(data) > MAX_SCRIPT_BYTES:
        raise PacError(f"the PAC script {url} is larger than {MAX_SCRIPT_BYTES} bytes")
    return data.decode("utf-8", "replace")


_scripts: dict[str, PacScript] = {}
_scripts_lock = threading.Lock()


def script_for(url: str, verify: Callable[[], Any] = lambda: True) -> PacScript:
    """The one :class:`PacScript` of this address in this process (``verify`` makes the TLS
    check for fetching it, once)."""
    with _scripts_lock:
        script = _scripts.get(url)
        if script is None:
            context = verify()
            script = _scripts[url] = PacScript(url, lambda u: fetch_script(u, context))
        return script
