"""``clinic-admin backup`` and ``clinic-admin restore``.

``backup`` signs in like every other command and writes the database copy and its key file
(default: the site's ``backups`` folder, which the status bar reads). ``restore`` does not
sign in to the live site, which may be the broken thing: it opens the *backup's* key file
with ``--user`` and that account's password, or, without ``--user``, the recovery key.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clinic_desktop.cli.common import EXIT_OK, Context, add_json_option, add_site_options
from clinic_desktop.services import backup


def cmd_backup(ctx: Context) -> int:
    from clinic_desktop.cli.admin import open_session

    with open_session(ctx) as session:
        info = backup.backup_now(session, Path(ctx.args.out) if ctx.args.out else None)
    ctx.emit(
        {
            **vars_of(info),
            "keyring_path": str(info.keyring_path),
            "anchor_path": str(info.anchor_path),
        },
        lambda: (
            f"Backup written: {info.path} ({info.size} bytes)\n"
            f"Key file beside it: {info.keyring_path.name} (needed to open the backup).\n"
            f"Audit anchor beside it: {info.anchor_path.name} (for clinic-admin audit "
            "verify --anchors)."
        ),
    )
    return EXIT_OK


def cmd_restore(ctx: Context) -> int:
    a = ctx.args
    if a.user:
        password = ctx.secrets.get(f"Password for {a.user} (as of the backup): ")
        secret = {"username": a.user, "password": password}
    else:
        secret = {"recovery_key": ctx.secrets.get("Recovery key: ")}
    info = backup.restore_backup(Path(a.file), ctx.data_dir, **secret)
    kept = f"\nThe replaced database was kept as {info.replaced.name}." if info.replaced else ""
    ctx.emit(
        {"restored_from": str(info.restored_from), "replaced": info.replaced},
        lambda: f"Restored {info.restored_from.name} into {ctx.data_dir}.{kept}",
    )
    return EXIT_OK


def vars_of(info: backup.BackupInfo) -> dict[str, object]:
    return {"path": str(info.path), "size": info.size, "created_at": info.created_at}


def add_backup_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``backup`` and ``restore`` on ``clinic-admin``."""
    p = commands.add_parser(
        "backup", help="write an encrypted, verified backup and its key file (IT, admin)"
    )
    p.add_argument("--out", metavar="DIR", help="folder for the backup (default: site backups)")
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_backup)

    p = commands.add_parser(
        "restore",
        help="verify a backup, then replace the site's database with it (stdin: the "
        "password of --user in the backup, or without --user the recovery key)",
    )
    p.add_argument("file", metavar="FILE", help="the backup's .db file (key file beside it)")
    add_site_options(p, user=False)
    p.add_argument("--user", metavar="NAME", help="an account in the backup")
    add_json_option(p)
    p.set_defaults(handler=cmd_restore)
