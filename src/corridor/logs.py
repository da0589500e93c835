"""Structured logging, configured once by entry points.

Library modules use ``log = logging.getLogger(__name__)``; :func:`configure_logging` routes the
standard library through structlog (console for people, JSON for machines) to stderr.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is at the time of the record, not at configuration:
    test runners and embedding programs swap it."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure_logging(level: str = "INFO", fmt: str = "console") -> None:
    """Route all logging to stderr through structlog's formatter.

    structlog itself is imported when the first record is written, not here: most commands log
    nothing, and importing it costs about a tenth of a second at every start."""
    handler = _StderrHandler(sys.stderr)
    handler.setFormatter(_StructlogFormatter(fmt))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())


class _StructlogFormatter(logging.Formatter):
    """structlog's ``ProcessorFormatter``, built (and structlog configured) on first use."""

    def __init__(self, fmt: str) -> None:
        super().__init__()
        self.kind = fmt
        self._real: logging.Formatter | None = None

    def format(self, record: logging.LogRecord) -> str:
        if self._real is None:
            self._real = _structlog_formatter(self.kind)
        return self._real.format(record)


def _structlog_formatter(fmt: str) -> logging.Formatter:
    import structlog

    renderer: structlog.types.Processor
    if fmt == "json":
        renderer = structlog.processors.JSONRenderer()
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    shared: list[structlog.types.Processor] = [
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=True,
    )
    return structlog.stdlib.ProcessorFormatter(foreign_pre_chain=shared, processor=renderer)
