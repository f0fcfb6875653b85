"""``clinic-admin partners``: load the partner directory from a CSV and list it.

Both commands call the partner services, which check the acting user's role (the
directory is kept by clinical staff and administrators, never IT).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clinic_desktop.cli.common import (
    EXIT_OK,
    Context,
    add_json_option,
    add_site_options,
    emit_import_report,
    read_input_file,
)
from clinic_desktop.domain.records import PartnerView
from clinic_desktop.services import partners
from clinic_desktop.services.context import ClinicSession


def add_partner_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``partners import`` and ``partners list`` under ``clinic-admin``."""
    actions = commands.add_parser("partners", help="partner directory").add_subparsers(
        metavar="ACTION"
    )
    p = actions.add_parser(
        "import",
        help="import a partner CSV; re-importing updates by name (exit 1 if rows were rejected)",
    )
    p.add_argument("file", metavar="FILE")
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_partners_import)

    p = actions.add_parser("list", help="list partners (active ones unless --all)")
    p.add_argument("--all", action="store_true", help="include deactivated partners")
    p.add_argument("--search", default="", metavar="TEXT", help="part of the name")
    p.add_argument("--kind", default="", help="a kind code, label or abbreviation (FQHC)")
    p.add_argument("--service", default="", help="part of a service")
    p.add_argument("--language", default="", help="a language served")
    p.add_argument("--age", type=int, help="an age the partner serves")
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_partners_list)


def cmd_partners_import(ctx: Context) -> int:
    data = read_input_file(Path(ctx.args.file))
    with _open_session(ctx) as session:
        report = partners.import_partners(session, data)
    return emit_import_report(ctx, report)


def cmd_partners_list(ctx: Context) -> int:
    a = ctx.args
    query = partners.PartnerQuery(
        text=a.search,
        kind=a.kind,
        service=a.service,
        language=a.language,
        age=a.age,
        active_only=not a.all,
    )
    with _open_session(ctx) as session:
        listed = partners.search_partners(session, query)
    ctx.emit(listed, lambda: _table(listed))
    return EXIT_OK


def _table(listed: list[PartnerView]) -> str:
    lines = [f"{'name':<40} {'kind':<24} {'ages':<7} {'phone':<16} status"]
    for p in listed:
        status = "active" if p.active else "inactive"
        lines.append(f"{p.name:<40} {p.kind:<24} {p.ages:<7} {p.phone:<16} {status}")
    return "\n".join(lines)


def _open_session(ctx: Context) -> ClinicSession:
    # Imported here: ``cli.admin`` registers these commands, so it imports this module.
    from clinic_desktop.cli.admin import open_session

    return open_session(ctx)
