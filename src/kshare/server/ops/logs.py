"""Server log lines: JSON objects (one a line, for a log collector) or plain text.

Every line carries the request id of the request it was written for, so one request can
be followed from the access line to whatever it logged on the way.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

import structlog

from kshare.server.ops.observe import request_id

TEXT_FORMAT = "%(levelname)s %(name)s: %(message)s"


def _add_request_id(_logger: Any, _name: str, event: dict[str, Any]) -> dict[str, Any]:
    rid = request_id.get()
    if rid:
        event["request_id"] = rid
    return event


def _drop_terminal_copies(_logger: Any, _name: str, event: dict[str, Any]) -> dict[str, Any]:
    # uvicorn adds a copy of its message with terminal colour codes; a log file wants none.
    event.pop("color_message", None)
    return event


def json_formatter() -> logging.Formatter:
    """A formatter that renders stdlib records (with their ``extra`` fields) as JSON."""
    pre_chain: list[Any] = [
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
        _drop_terminal_copies,
        _add_request_id,
    ]
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=pre_chain,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(sort_keys=True),
        ],
    )


def configure_logging(fmt: str = "json", level: str = "info", stream: TextIO | None = None) -> None:
    """Send every logger's lines to ``stream`` (stderr) in ``fmt``."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(json_formatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # uvicorn's own loggers would print a second, differently shaped line for each event.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
