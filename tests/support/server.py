"""Run a real kshare server process on 127.0.0.1 with a random port."""

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


@dataclass
class ServerProcess:
    data_dir: Path
    demo: bool = False
    port: int = 0
    extra_args: list[str] = field(default_factory=list)
    url: str = ""
    process: subprocess.Popen[str] | None = None
    output: list[str] = field(default_factory=list)

    def start(self, timeout: float = 60.0) -> ServerProcess:
        """Start and wait for the ``listening`` line. Reuses the last port on a restart."""
        args = [sys.executable, "-m", "kshare", "serve", "--data", str(self.data_dir)]
        args += ["--host", "127.0.0.1", "--port", str(self.port), *self.extra_args]
        if self.demo:
            args.append("--demo")
        env = {**os.environ, "KSHARE_TEST_FAST_HASH": "1", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert self.process is not None and self.process.stdout is not None
            for line in self.process.stdout:
                self.output.append(line)
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                self.stop()
                raise RuntimeError(
                    "kshare server did not start:\n" + "".join(self.output)
                ) from None
            if line is None:
                self.stop()
                raise RuntimeError("kshare server exited:\n" + "".join(self.output))
            if line.startswith(LISTENING):
                self.url = line[len(LISTENING) :].strip()
                self.port = int(self.url.rsplit(":", 1)[1])
                return self

    def stop(self) -> None:
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
