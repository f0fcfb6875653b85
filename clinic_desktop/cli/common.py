"""What every command-line tool shares: secrets from a prompt or stdin, exit codes,
known errors printed as one calm line, and JSON output.

Conventions (IT scripts rely on them): no password is ever an argument; ``--password-stdin``
reads secrets one per line from standard input, in the order the command documents (the
acting user's password first); otherwise each is prompted without echo. Exit status 0 on
success, 1 when the operation was refused (reason on stderr), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from clinic_desktop import errors
from clinic_desktop.domain.csvfile import ImportReport
from clinic_desktop.fsutil import FileTooLargeError, NotRegularFileError, read_regular
from clinic_desktop.logs import configure_logging
from clinic_desktop.messages import msg
from clinic_desktop.paths import default_data_dir

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
#: The largest input file a command reads whole (a roster of a large district is ~20 MB).
MAX_INPUT_BYTES = 512 * 1024 * 1024


def read_input_file(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a file named on the command line, or a plain refusal: missing, a folder,
    a pipe or device (never waited on), unreadable, or larger than ``limit``."""
    try:
        return read_regular(path, limit)
    except FileNotFoundError as exc:
        raise errors.ClinicError(msg("{path} does not exist.", path=str(path))) from exc
    except NotRegularFileError as exc:
        raise errors.ClinicError(
            msg("{path} is not a plain file (a folder, a pipe or a device).", path=str(path))
        ) from exc
    except FileTooLargeError as exc:
        raise errors.ClinicError(msg("{path} is too large.", path=str(path))) from exc
    except OSError as exc:
        raise errors.ClinicError(
            msg("{path} cannot be read (permission or input/output error).", path=str(path))
        ) from exc


class Secrets:
    """Hands out secrets in order: stdin lines with ``--password-stdin``, else prompts."""

    def __init__(self, from_stdin: bool, stdin: IO[str]) -> None:
        self._from_stdin = from_stdin
        self._stdin = stdin

    def get(self, prompt: str, *, confirm: bool = False) -> str:
        if self._from_stdin:
            line = self._stdin.readline()
            if not line:
                raise errors.ClinicError(f"Standard input ended before: {prompt.rstrip(': ')}")
            return line.rstrip("\r\n")
        secret = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat to confirm: ") != secret:
            raise errors.ClinicError("The two entries did not match.")
        return secret


class Context:
    """Parsed arguments plus the streams, so commands can be run in-process by tests."""

    def __init__(self, args: argparse.Namespace, stdin: IO[str], stdout: IO[str]) -> None:
        self.args = args
        self.stdout = stdout
        self.secrets = Secrets(getattr(args, "password_stdin", False), stdin)

    @property
    def data_dir(self) -> Path:
        given = getattr(self.args, "data_dir", None)
        return Path(given) if given else default_data_dir()

    def print(self, *parts: object) -> None:
        print(*parts, file=self.stdout)

    def emit(self, data: object, text: Callable[[], str]) -> None:
        """Print ``data`` as JSON with ``--json``, else the human-readable ``text()``."""
        if getattr(self.args, "json", False):
            json.dump(to_jsonable(data), self.stdout, indent=2, ensure_ascii=False)
            self.stdout.write("\n")
        else:
            self.print(text())


def add_site_options(parser: argparse.ArgumentParser, *, user: bool = True) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help="the site's data folder")
    if user:
        parser.add_argument("--user", metavar="NAME", required=True, help="who is acting")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read passwords from standard input, one per line, instead of prompting",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def to_jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, UUID | Path):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def run(
    parser: argparse.ArgumentParser,
    argv: list[str] | None,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Parse, dispatch to ``args.handler(ctx)``, and map outcomes to exit codes."""
    stderr = stderr or sys.stderr
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    if not getattr(args, "handler", None):
        parser.print_usage(stderr)
        return EXIT_USAGE
    ctx = Context(args, stdin or sys.stdin, stdout or sys.stdout)
    configure_logging(None)
    try:
        return int(args.handler(ctx) or EXIT_OK)
    except errors.ValidationError as exc:
        for problem in exc.errors:
            print(f"error: {problem.field}: {problem.reason}", file=stderr)
        return EXIT_REFUSED
    except errors.ClinicError as exc:
        print(f"error: {exc.message}", file=stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("interrupted", file=stderr)
        return EXIT_REFUSED


def emit_import_report(ctx: Context, report: ImportReport) -> int:
    """Print what an import did (``--json``: as data) and return its exit status: refused
    (1) when any line was rejected, so a script notices (rows imported with something to
    confirm are listed but do not change the status)."""
    ctx.emit(
        {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": [{"line": p.line, "reason": p.reason} for p in report.problems],
            "to_confirm": [{"line": w.line, "reason": w.reason} for w in report.warnings],
        },
        lambda: "\n".join(
            [
                report.summary(),
                *(f"  {p}" for p in report.problems),
                *(f"  {w} (imported; to confirm)" for w in report.warnings),
            ]
        ),
    )
    return EXIT_REFUSED if report.problems else EXIT_OK
