"""The command line of ``clinic-desktop`` (and ``python -m clinic_desktop``), without Qt.

Why a module of its own: ``--version``, ``--help`` and usage errors must answer at once
(installers, IT scripts and support calls use them), while importing Qt, SQLAlchemy and
the store takes seconds on a five-year-old laptop. This module imports neither; the app
(``clinic_desktop.ui.app``) is imported only once the arguments say to start it, and it
parses with the same ``build_parser``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clinic_desktop import __version__, paths

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The desktop app's options (shared with ``ui.app.main``)."""
    parser = argparse.ArgumentParser(
        prog="clinic-desktop", description="Offline, encrypted school-based health center record."
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--demo", action="store_true", help="open the demo clinic (made-up data)")
    where.add_argument("--data-dir", type=Path, metavar="DIR", help="the clinic's data folder")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (no clinic data is opened) and exit",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def parse_args(argv: list[str] | None) -> argparse.Namespace | int:
    """The parsed arguments, or the exit status when argparse already answered
    (``--help``, ``--version``: 0; a usage error: 2, with the message on stderr)."""
    try:
        return build_parser().parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE


def data_dir_for(args: argparse.Namespace) -> Path:
    """The clinic's data folder the arguments name: demo, ``--data-dir`` or the default."""
    if args.demo:
        return paths.demo_data_dir()
    return Path(args.data_dir) if args.data_dir else paths.default_data_dir()


def main(argv: list[str] | None = None) -> int:
    """Console entry point: answer what needs no Qt, else start the app."""
    parsed = parse_args(argv)
    if isinstance(parsed, int):
        return parsed
    if parsed.self_test:
        # Before any platform check or QApplication: the self-test checks those itself
        # and must run where the desktop cannot start.
        from clinic_desktop.cli.selftest import run_self_test

        return run_self_test()
    # Imported here, not at the top: Qt and the store are only needed to start the app.
    from clinic_desktop.ui.app import run_app

    return run_app(data_dir_for(parsed), demo=parsed.demo)
