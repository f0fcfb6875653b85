"""``clinic-admin forms``: printable forms from the command line.

``forms blank KIND --lang LANG --out FILE`` writes the handwriting copy of a form, for
clinics that print a stack before the computer is set up or when it is down. A blank form
carries no personal data, so nothing is unlocked to make one.

``forms packet --user NAME (--student DISTRICT_ID ... | --grade G [--school CODE])
--out FILE`` writes the start-of-year consent packet (the same service as the app's Print >
Consent packet…): it signs in, since the packet names students, and the PDF is written
atomically and readable by its owner only; nothing passes through a temporary file
outside the chosen folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clinic_desktop.cli.common import EXIT_OK, Context, add_site_options
from clinic_desktop.domain.records import StudentSummary
from clinic_desktop.errors import ClinicError, FieldError, ValidationError
from clinic_desktop.forms import BLANK_KINDS, SUPPORTED_LANGUAGES, render
from clinic_desktop.fsutil import atomic_write_bytes
from clinic_desktop.services import printing, students
from clinic_desktop.services.context import ClinicSession

#: Blank forms hold no personal data, so anyone on the machine may read the file.
BLANK_FILE_MODE = 0o644


def cmd_forms_blank(ctx: Context) -> int:
    a = ctx.args
    data = render(a.kind, lang=a.lang, blank=True)
    out = _write(Path(a.out), data, BLANK_FILE_MODE)
    ctx.print(f"Wrote the blank {a.kind} form ({a.lang}, {len(data):,} bytes) to {out}.")
    return EXIT_OK


def cmd_forms_packet(ctx: Context) -> int:
    a = ctx.args
    # Imported here: ``cli.admin`` registers these commands, so it imports this module.
    from clinic_desktop.cli.admin import open_session

    with open_session(ctx) as session:
        chosen = _packet_students(session, a.student or [], a.grade, a.school)
        printed = printing.consent_packet(session, [s.id for s in chosen], a.lang)
    out = _write(Path(a.out), printed.data)
    ctx.print(
        f"Wrote the consent packet for {len(chosen)} students "
        f"({printed.page_count} pages) to {out}."
    )
    return EXIT_OK


def _packet_students(
    session: ClinicSession, district_ids: list[str], grade: str | None, school: str | None
) -> list[StudentSummary]:
    """The students named by district id (in the order given), else the roster's
    students in ``grade`` (and ``school``) in roster order."""
    if district_ids:
        return [_by_district_id(session, wanted) for wanted in district_ids]
    if not grade:
        raise ValidationError([FieldError("students", "give --student or --grade")])
    limit = printing.MAX_PACKET_STUDENTS + 1  # one more, so the service refuses a big class
    found: list[StudentSummary] = []
    offset = 0
    while len(found) < limit:
        page = students.search_students(session, "", offset=offset)
        found += [s for s in page if s.grade == grade and (not school or s.school_code == school)]
        if len(page) < students.SEARCH_LIMIT:
            break
        offset += len(page)
    return found[:limit]


def _by_district_id(session: ClinicSession, district_id: str) -> StudentSummary:
    match = [
        s for s in students.search_students(session, district_id) if s.district_id == district_id
    ]
    if not match:
        raise ValidationError([FieldError("student", f"no student has district id {district_id}")])
    return match[0]


def _write(out: Path, data: bytes, mode: int = 0o600) -> Path:
    """Write atomically; a file that names students is private to its owner."""
    try:
        atomic_write_bytes(out, data, mode=mode)
    except OSError as exc:
        raise ClinicError(f"Could not write {out}: {exc.strerror or exc}.") from exc
    return out


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
    p = forms_cmd.add_parser(
        "packet",
        help=f"write the consent packet for up to {printing.MAX_PACKET_STUDENTS} students",
    )
    add_site_options(p)
    p.add_argument("--student", metavar="DISTRICT_ID", action="append",
                   help="a student's district id (repeat, in the packet's order)")  # fmt: skip
    p.add_argument("--grade", help="every student in this grade (with --school: that school's)")
    p.add_argument("--school", metavar="CODE", help="the school's code (with --grade)")
    p.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default=None,
                   help="print every form in this language (default: each family's)")  # fmt: skip
    p.add_argument("--out", metavar="FILE", required=True, help="the PDF file to write")
    p.set_defaults(handler=cmd_forms_packet)
