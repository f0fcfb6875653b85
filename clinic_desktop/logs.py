"""Logging: named loggers per subsystem and a rotating file in the site's log folder.

Loggers: ``clinic.store``, ``clinic.sync``, ``clinic.forms``, ``clinic.ui``, ``clinic.cli``.
Log lines are operational facts only (counts, error *types*, durations): never a name, a
date of birth, a note, an id from the district, or an exception's message text, because
log files are not encrypted.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_configured: set[str] = set()


def configure_logging(log_dir: Path | None, level: int = logging.INFO) -> None:
    """Send ``clinic.*`` records to a rotating file in ``log_dir`` (once per folder).

    Without a folder only warnings reach stderr (the CLI before a site is known).
    """
    root = logging.getLogger("clinic")
    root.setLevel(level)
    key = str(log_dir) if log_dir else "<stderr>"
    if key in _configured:
        return
    _configured.add(key)
    handler: logging.Handler | None = None
    failure = ""
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            handler = logging.handlers.RotatingFileHandler(
                log_dir / "clinic-desktop.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError as exc:
            # A read-only data folder: the program still starts (and says plainly what it
            # cannot do); only warnings reach stderr, as before a site is known.
            failure = exc.strerror or type(exc).__name__
    if handler is None:
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    if failure:
        root.warning("the log folder cannot be written (%s): logging to stderr", failure)
