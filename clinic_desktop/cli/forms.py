"""``clinic-admin forms``: printable forms that need no site and no password.

``forms blank KIND --lang LANG --out FILE`` writes the handwriting copy of a form, for
clinics that print a stack before the computer is set up or when it is down. A blank form
carries no personal data, so nothing is unlocked to make one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clinic_desktop.cli.common import EXIT_OK, Context
from clinic_desktop.errors import ClinicError
from clinic_desktop.forms import BLANK_KINDS, SUPPORTED_LANGUAGES, render
from clinic_desktop.fsutil import atomic_write_bytes

#: Blank forms hold no personal data, so anyone on the machine may read the file.
BLANK_FILE_MODE = 0o644


def cmd_forms_blank(ctx: Context) -> int:
    a = ctx.args
    data = render(a.kind, lang=a.lang, blank=True)
    out = Path(a.out)
    try:
        atomic_write_bytes(out, data, mode=BLANK_FILE_MODE)
    except OSError as exc:
        raise ClinicError(f"Could not write {out}: {exc.strerror or exc}.") from exc
    ctx.print(f"Wrote the blank {a.kind} form ({a.lang}, {len(data):,} bytes) to {out}.")
    return EXIT_OK


def add_forms_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``forms`` and its actions on ``clinic-admin``'s sub-command list."""
    forms_cmd = commands.add_parser("forms", help="printable forms").add_subparsers(
        metavar="ACTION"
    )
    p = forms_cmd.add_parser(
        "blank", help="write a blank form for handwriting (no site or password needed)"
    )
    p.add_argument("kind", metavar="KIND", choices=[k.value for k in BLANK_KINDS],
                   help="one of: " + ", ".join(k.value for k in BLANK_KINDS))  # fmt: skip
    p.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default="en")
    p.add_argument("--out", metavar="FILE", required=True, help="the PDF file to write")
    p.set_defaults(handler=cmd_forms_blank)
