"""Run ``kshare serve`` as a child process on this machine and know when it is ready.

The demo, the tests and the benchmarks all start servers this way: the
child prints ``kshare server listening on URL`` once it accepts connections.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

LISTENING = "kshare server listening on "


class ServerStartError(RuntimeError):
    pass


@dataclass
class LocalServer:
    """A ``kshare serve`` child process on 127.0.0.1. A restart keeps the port it got."""

    data_dir: Path
    demo: bool = False
    port: int = 0
    extra_args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    url: str = ""
    process: subprocess.Popen[str] | None = None
    output: list[str] = field(default_factory=list)

    def start(self, timeout: float = 60.0) -> LocalServer:
        """Start and wait for the listening line; raise with the child's output if it fails."""
        args = [sys.executable, "-m", "kshare", "serve", "--data", str(self.data_dir)]
        args += ["--host", "127.0.0.1", "--port", str(self.port), *self.extra_args]
        if self.demo:
            args.append("--demo")
        self.process = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **self.env},
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            # Keep draining after start-up, so a chatty server never blocks on a full pipe.
            assert self.process is not None and self.process.stdout is not None
            for line in self.process.stdout:
                self.output.append(line)
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, name="kshare-server-output", daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                self.stop()
                raise ServerStartError(
                    "the kshare server did not start in time:\n" + "".join(self.output[-30:])
                ) from None
            if line is None:
                self.stop()
                raise ServerStartError("the kshare server stopped:\n" + "".join(self.output[-30:]))
            if line.startswith(LISTENING):
                self.url = line[len(LISTENING) :].strip()
                self.port = int(self.url.rsplit(":", 1)[1])
                return self

    def stop(self) -> None:
        """Ask the server to stop (SIGTERM), kill it if it will not, and close the pipe."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None
