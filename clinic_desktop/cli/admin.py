"""``clinic-admin``: site set-up and account management for IT, without the UI.

Secrets are read in the order each command's help states (``--password-stdin``: one per
line). Every command that opens a site takes ``--data-dir``, ``--user`` and
``--password-stdin``.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import IO

from clinic_desktop import __version__, errors
from clinic_desktop.cli.backup import add_backup_commands
from clinic_desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    Context,
    add_json_option,
    add_site_options,
    emit_import_report,
    read_input_file,
    run,
)
from clinic_desktop.cli.forms import add_forms_commands
from clinic_desktop.cli.partners import add_partner_commands
from clinic_desktop.cli.sync import add_provision_command
from clinic_desktop.clock import local_time
from clinic_desktop.domain.accounts import normalize_username
from clinic_desktop.domain.csvfile import ImportReport
from clinic_desktop.domain.roles import Role
from clinic_desktop.errors import ClinicError
from clinic_desktop.logs import configure_logging
from clinic_desktop.messages import msg
from clinic_desktop.services import audit, roster, site, users
from clinic_desktop.services.context import ClinicSession

ROLES = [r.value for r in Role]


def open_session(ctx: Context, *, password_reset_ok: bool = False) -> ClinicSession:
    """Sign in as ``--user`` (password from stdin or a prompt); log to the site's folder.

    An account whose password someone else reset is told who did it and when, and may only
    choose a new password (``users passwd``) until it has."""
    password = ctx.secrets.get(f"Password for {ctx.args.user}: ")
    session = site.sign_in(ctx.data_dir, ctx.args.user, password)
    configure_logging(session.paths.logs)
    notice = session.password_reset
    if notice is not None and not password_reset_ok:
        session.close()
        raise errors.PasswordChangeRequiredError(
            msg(
                "Your password was reset by {by} on {when}. Choose a new one before anything "
                "else: clinic-admin users passwd --user {user}",
                by=notice.by,
                when=reset_time(notice.at),
                user=session.user.username,
            )
        )
    return session


def reset_time(at: datetime) -> str:
    """When a password was reset, as the clinic's wall-clock time to the minute."""
    return local_time(at).strftime("%Y-%m-%d %H:%M %Z").strip()


# --- commands --------------------------------------------------------------------------


def cmd_init(ctx: Context) -> int:
    a = ctx.args
    password = ctx.secrets.get(f"New password for {a.admin}: ", confirm=True)
    result = site.setup_site(
        ctx.data_dir,
        site_code=a.site_code,
        site_name=a.site_name,
        admin_username=a.admin,
        admin_password=password,
        admin_display_name=a.display_name or "",
    )
    ctx.emit(
        {"site_code": result.site_code, "recovery_key": result.recovery_key},
        lambda: (
            f"Site {result.site_code} created in {ctx.data_dir}.\n\n"
            f"RECOVERY KEY (shown once; print it and lock it away):\n\n"
            f"    {result.recovery_key}\n\n"
            "It opens the clinic if every password is lost. Anyone holding it can read\n"
            "the records, so never store it on this computer."
        ),
    )
    return EXIT_OK


def cmd_info(ctx: Context) -> int:
    with open_session(ctx) as session:
        info = site.site_info(session)
    ctx.emit(
        info,
        lambda: "\n".join(
            [
                f"site:           {info.site_code} ({info.site_name})",
                f"data folder:    {info.data_dir}",
                f"schema version: {info.schema_version}",
                f"users:          {info.users}",
                *(f"{name + ':':<16}{count}" for name, count in info.counts.items()),
            ]
        ),
    )
    return EXIT_OK


def cmd_users_add(ctx: Context) -> int:
    a = ctx.args
    with open_session(ctx) as session:
        password = ctx.secrets.get(f"New password for {a.name}: ", confirm=True)
        info = users.add_user(session, a.name, password, a.role, a.display_name or "")
    ctx.emit(info, lambda: f"Added {info.username} ({info.role.label}).")
    return EXIT_OK


def cmd_users_list(ctx: Context) -> int:
    with open_session(ctx) as session:
        listed = users.list_users(session)
        locked = users.locked_usernames(session)
    rows = [
        {
            "username": u.username,
            "display_name": u.display_name,
            "role": u.role.value,
            "disabled": u.disabled,
            "locked": u.username in locked,
        }
        for u in listed
    ]

    def table() -> str:
        lines = [f"{'user':<20} {'role':<10} {'status':<9} name"]
        for r in rows:
            status = "disabled" if r["disabled"] else "locked" if r["locked"] else "active"
            lines.append(f"{r['username']:<20} {r['role']:<10} {status:<9} {r['display_name']}")
        return "\n".join(lines)

    ctx.emit(rows, table)
    return EXIT_OK


def cmd_users_disable(ctx: Context) -> int:
    with open_session(ctx) as session:
        users.disable_user(session, ctx.args.name)
    ctx.print(
        f"Disabled {ctx.args.name}; their password no longer opens this clinic, and the "
        "database key was rotated, so copies of the key file made before now (beside "
        "earlier backups) no longer open it either. Earlier backups still open with the "
        "passwords they were made with."
    )
    return EXIT_OK


def cmd_users_enable(ctx: Context) -> int:
    with open_session(ctx) as session:
        password = ctx.secrets.get(f"New password for {ctx.args.name}: ", confirm=True)
        users.enable_user(session, ctx.args.name, password)
    ctx.print(f"Enabled {ctx.args.name} with a new password.")
    return EXIT_OK


def cmd_users_unlock(ctx: Context) -> int:
    with open_session(ctx) as session:
        users.unlock_user(session, ctx.args.name)
    ctx.print(f"Unlocked {ctx.args.name}.")
    return EXIT_OK


def cmd_users_passwd(ctx: Context) -> int:
    target = ctx.args.name or ctx.args.user
    own = normalize_username(target) == normalize_username(ctx.args.user)
    with open_session(ctx, password_reset_ok=own) as session:
        notice = session.password_reset
        if notice is not None:
            ctx.print(
                f"Your password was reset by {notice.by} on {reset_time(notice.at)}; "
                "choose a new one now."
            )
        password = ctx.secrets.get(f"New password for {target}: ", confirm=True)
        site.set_password(session, target, password)
    ctx.print(f"Password changed for {target}.")
    return EXIT_OK


def cmd_recovery(ctx: Context) -> int:
    key = ctx.secrets.get("Recovery key: ")
    password = ctx.secrets.get(f"New password for {ctx.args.user}: ", confirm=True)
    with site.sign_in_with_recovery(ctx.data_dir, key, ctx.args.user, password):
        pass
    ctx.print(
        f"Recovery key accepted; {ctx.args.user} has a new password and is unlocked. At "
        "the next sign-in they are told of this reset and must choose a new password."
    )
    return EXIT_OK


def cmd_rekey(ctx: Context) -> int:
    with open_session(ctx) as session:
        site.rekey(session)
    ctx.print("Database key rotated; every account and the recovery key still work.")
    return EXIT_OK


def cmd_roster_import(ctx: Context) -> int:
    data = read_input_file(Path(ctx.args.file))
    add = [code for part in ctx.args.add_schools or () for code in part.split(",")]
    with open_session(ctx) as session:
        report = roster.import_roster(session, data, add_schools=add)
        unknown = roster.new_school_codes(session, data) if report.problems else []
    status = emit_import_report(ctx, report)
    if unknown and not getattr(ctx.args, "json", False):
        ctx.print(
            f"School codes not in this site's list: {', '.join(unknown)}. If they are real "
            f"schools, import again with --add-schools {','.join(unknown)}"
        )
    return status


def cmd_audit_verify(ctx: Context) -> int:
    if ctx.args.anchors:
        return _audit_verify_anchors(ctx, Path(ctx.args.anchors))
    with open_session(ctx) as session:
        report = audit.verify_audit(session)
    ctx.emit(
        {
            "ok": report.ok,
            "checked": report.checked,
            "broken_at": report.broken_at,
            "reason": report.reason,
        },
        lambda: (
            f"Audit chain intact ({report.checked} events)."
            if report.ok
            else f"AUDIT CHAIN BROKEN at event {report.broken_at}: {report.reason}."
        ),
    )
    return EXIT_OK if report.ok else EXIT_REFUSED


def _audit_verify_anchors(ctx: Context, folder: Path) -> int:
    if not folder.is_dir():
        raise errors.ClinicError(msg("The anchors folder {folder} does not exist.", folder=folder))
    with open_session(ctx) as session:
        report = audit.verify_audit_anchors(session, folder)
    summary = (
        f"Audit chain intact ({report.chain.checked} events) and it matches "
        f"{report.anchors.checked} audit anchor(s)"
        + (
            f", {report.anchors.unsigned} not signed by this site's key"
            if report.anchors.unsigned
            else ""
        )
        + "."
    )
    skipped = [f"  (not an anchor file, skipped: {name})" for name in report.unreadable]
    ctx.emit(
        {
            "ok": report.ok,
            "checked": report.chain.checked,
            "broken_at": report.chain.broken_at,
            "anchors": report.anchors.checked,
            "unsigned_anchors": report.anchors.unsigned,
            "problems": list(report.problems),
            "skipped_files": list(report.unreadable),
        },
        lambda: "\n".join(
            ([summary] if report.ok else ["AUDIT CHAIN DOES NOT MATCH ITS ANCHORS:"])
            + [f"  {p}" for p in report.problems]
            + skipped
        ),
    )
    return EXIT_OK if report.ok else EXIT_REFUSED


def cmd_check(ctx: Context) -> int:
    with open_session(ctx) as session:
        report = audit.check_site(session)
    ctx.emit(
        {
            "ok": report.ok,
            "problems": list(report.problems),
            "audit_events": report.audit_events,
        },
        lambda: (
            f"Database sound: every page checks and the audit chain is intact "
            f"({report.audit_events} events)."
            if report.ok
            else "\n".join(["DATABASE CHECK FAILED:", *(f"  {p}" for p in report.problems)])
        ),
    )
    return EXIT_OK if report.ok else EXIT_REFUSED


def cmd_demo(ctx: Context) -> int:
    from clinic_desktop.demo import site as demo

    a = ctx.args
    password = ctx.secrets.get("Password for every demo user: ") if a.password_stdin else None
    roster_bytes = read_input_file(Path(a.roster)) if a.roster else None
    reports: list[ImportReport] = []
    accounts = demo.create_demo_site(
        ctx.data_dir,
        students=a.students,
        seed=a.seed,
        roster=roster_bytes,
        password=password,
        roster_report=reports.append,
    )
    ctx.emit(
        [{"username": x.username, "role": x.role.value, "password": x.password} for x in accounts]
        if not a.password_stdin
        else [{"username": x.username, "role": x.role.value} for x in accounts],
        lambda: "\n".join(
            [f"Demo clinic created in {ctx.data_dir}. Users:"]
            + [
                f"  {x.username:<10} {x.role.label:<14}"
                + ("" if a.password_stdin else f" password: {x.password}")
                for x in accounts
            ]
        ),
    )
    rejected = [p for report in reports for p in report.problems]
    if rejected:
        # The accounts above work; the status (1) says the roster did not come in whole.
        lines = [
            f"the demo clinic was created without {len(rejected)} rejected roster row(s) "
            f"({reports[0].summary()}):",
            *(f"  {p}" for p in rejected),
        ]
        raise ClinicError("\n".join(lines))
    return EXIT_OK


# --- parser ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clinic-admin",
        description="Set up a clinic site and manage its accounts (IT and administrators).",
        epilog="With --password-stdin, secrets are read one per line in the order each "
        "command names them: the acting user's password first.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = commands.add_parser(
        "init", help="first-run set-up of a site (stdin: the admin's new password)"
    )
    add_site_options(p, user=False)
    add_json_option(p)
    p.add_argument("--site-code", required=True)
    p.add_argument("--site-name", required=True)
    p.add_argument("--admin", required=True, metavar="NAME", help="first administrator")
    p.add_argument("--display-name")
    p.set_defaults(handler=cmd_init)

    p = commands.add_parser("info", help="site, counts and schema version (no personal data)")
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_info)

    _add_user_commands(commands)
    add_provision_command(commands)

    p = commands.add_parser(
        "recovery",
        help="open with the recovery key and set a new password for --user "
        "(stdin: recovery key, then the new password)",
    )
    add_site_options(p)
    p.set_defaults(handler=cmd_recovery)

    add_backup_commands(commands)

    p = commands.add_parser("rekey", help="rotate the database key (every slot is re-wrapped)")
    add_site_options(p)
    p.set_defaults(handler=cmd_rekey)

    roster_cmd = commands.add_parser("roster", help="district roster").add_subparsers(
        metavar="ACTION"
    )
    p = roster_cmd.add_parser("import", help="import a roster CSV (exit 1 if rows were rejected)")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--add-schools",
        metavar="CODE[,CODE...]",
        action="append",
        help="add these school codes to the site's school list first (rows naming a code "
        "that is not in the list are rejected)",
    )
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_roster_import)

    add_partner_commands(commands)

    audit_cmd = commands.add_parser("audit", help="audit log").add_subparsers(metavar="ACTION")
    p = audit_cmd.add_parser("verify", help="check the hash chain (exit 1 if broken)")
    p.add_argument(
        "--anchors",
        metavar="DIR",
        help="also hold the chain to the audit anchors in DIR: a backup folder "
        "(*.anchor.json) and/or the district's file from clinic-sync anchors (exit 1 if "
        "any anchor does not match: an edited and re-hashed or a truncated chain)",
    )
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_audit_verify)

    p = commands.add_parser(
        "check",
        help="read every page (SQLCipher HMACs, SQLite integrity) and the audit chain "
        "(exit 1 naming what failed)",
    )
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_check)

    p = commands.add_parser("demo", help="create a demo clinic with realistic fake data")
    add_site_options(p, user=False)
    add_json_option(p)
    p.add_argument("--students", type=int, default=200)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--roster", metavar="FILE", help="use the students of this roster CSV")
    p.set_defaults(handler=cmd_demo)

    add_forms_commands(commands)
    return parser


def _add_user_commands(commands: argparse._SubParsersAction) -> None:
    users_cmd = commands.add_parser("users", help="staff accounts").add_subparsers(metavar="ACTION")
    p = users_cmd.add_parser("add", help="add an account (stdin: your password, then theirs)")
    p.add_argument("name")
    p.add_argument("--role", choices=ROLES, required=True)
    p.add_argument("--display-name")
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_users_add)

    p = users_cmd.add_parser("list", help="list accounts")
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_users_list)

    for name, handler, text in (
        ("disable", cmd_users_disable, "disable an account (its key slot is removed)"),
        ("unlock", cmd_users_unlock, "unlock an account after failed sign-ins"),
        ("enable", cmd_users_enable, "re-enable with a new password (stdin: yours, theirs)"),
    ):
        p = users_cmd.add_parser(name, help=text)
        p.add_argument("name")
        add_site_options(p)
        p.set_defaults(handler=handler)

    p = users_cmd.add_parser(
        "passwd", help="set a new password (stdin: your password, then the new one)"
    )
    p.add_argument("name", nargs="?", help="whose (default: --user)")
    add_site_options(p)
    p.set_defaults(handler=cmd_users_passwd)


def main(
    argv: list[str] | None = None,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    return run(build_parser(), argv, stdin, stdout, stderr)


if __name__ == "__main__":
    raise SystemExit(main())
