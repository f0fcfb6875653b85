"""``clinic-sync``: de-identified batches, from the site's export to the district's report.

At the district: ``keygen`` (once), then ``verify``, ``import`` and ``report``. At a site:
``export`` (IT; ``--data-dir``, ``--user``, ``--password-stdin`` as in ``clinic-admin``),
after ``clinic-admin provision`` installed the district's key (``add_provision_command``).
Exit status 0 on success, 1 when refused (a rejected or held batch, a wrong password),
2 on usage errors; ``--json`` prints the result as data.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from clinic_desktop import __version__, errors
from clinic_desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    Context,
    add_json_option,
    add_site_options,
    run,
)
from clinic_desktop.domain.deidentify import ExportProfile
from clinic_desktop.fsutil import atomic_write_bytes, read_regular
from clinic_desktop.logs import configure_logging
from clinic_desktop.services import site
from clinic_desktop.services import sync as sync_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.sync import anchors, keys, report, warehouse
from clinic_desktop.sync.verify import read_batch


def _open_session(ctx: Context) -> ClinicSession:
    password = ctx.secrets.get(f"Password for {ctx.args.user}: ")
    session = site.sign_in(ctx.data_dir, ctx.args.user, password)
    configure_logging(session.paths.logs)
    return session


def _now() -> datetime:
    return datetime.now(UTC)


def _read_file(path: Path) -> bytes:
    """A provisioning file: a plain file of at most 64 KiB (never a FIFO or a device)."""
    try:
        return read_regular(path, keys.MAX_KEY_FILE_BYTES)
    except OSError as exc:
        raise errors.ClinicError(f"Cannot read {path}.") from exc


# --- district ---------------------------------------------------------------------------


def _agreement(args: argparse.Namespace) -> keys.DataUseAgreement | None:
    """The data use agreement from keygen's options (limited-data-set only)."""
    if args.profile != ExportProfile.LIMITED_DATA_SET:
        return None
    return keys.DataUseAgreement.from_json(
        {
            "id": args.agreement_id,
            "recipient": args.agreement_recipient,
            "permitted_uses": args.permitted_use or [],
            "expires": args.agreement_expires,
        }
    )


def cmd_keygen(ctx: Context) -> int:
    out = Path(ctx.args.out)
    profile = ExportProfile(ctx.args.profile)
    provisioning = keys.generate_district_keys(
        out, ctx.args.name, profile=profile, agreement=_agreement(ctx.args)
    )
    ctx.emit(
        {
            "district": provisioning.district,
            "profile": str(provisioning.profile),
            "recipient": provisioning.recipient,
            "private_key": out / keys.DISTRICT_KEY_NAME,
            "provisioning": out / keys.PROVISIONING_NAME,
        },
        lambda: (
            f"District key pair created for {provisioning.district} "
            f"(export profile {provisioning.profile}).\n"
            f"  private key (keep offline, mode 0600): {out / keys.DISTRICT_KEY_NAME}\n"
            f"  give to every site:                     {out / keys.PROVISIONING_NAME}"
        ),
    )
    return EXIT_OK


def cmd_verify(ctx: Context) -> int:
    identity = keys.load_identity(Path(ctx.args.key))
    trust = keys.TrustStore.load(Path(ctx.args.trust))
    found = read_batch(Path(ctx.args.file), identity, trust)
    data = {
        "file": found.path.name,
        "site": found.site,
        "sequence": found.sequence,
        "watermark": {"from": found.watermark_from, "to": found.watermark_to},
        "transaction_time": found.transaction_time,
        "signer": found.signer,
        "digest": found.digest,
        "counts": found.counts,
    }
    ctx.emit(
        data,
        lambda: "\n".join(
            [
                f"{found.path.name}: valid batch {found.sequence} of site {found.site}, "
                f"signed by key {found.signer}.",
                *(f"  {kind:<22} {n}" for kind, n in sorted(found.counts.items())),
            ]
        ),
    )
    return EXIT_OK


def cmd_import(ctx: Context) -> int:
    a = ctx.args
    identity = keys.load_identity(Path(a.key))
    trust = keys.TrustStore.load(Path(a.trust))
    if not Path(a.batch_dir).is_dir():
        raise errors.ClinicError(f"The batch folder {a.batch_dir} does not exist.")
    with warehouse.open_warehouse(Path(a.db)) as conn:
        result = warehouse.import_batches(
            Path(a.batch_dir), conn, identity, trust, now=_now(), force_gap=a.force_gap
        )
    ctx.emit(
        {"ok": result.ok, "outcomes": result.outcomes, "gaps": result.gaps},
        lambda: _import_text(result),
    )
    return EXIT_OK if result.ok else EXIT_REFUSED


def _import_text(result: warehouse.ImportReport) -> str:
    lines = [o.message for o in result.outcomes]
    lines += [
        f"site {s}: missing batch(es) {', '.join(map(str, g))}" for s, g in result.gaps.items()
    ]
    counts = {s: result.count(s) for s in (warehouse.APPLIED, warehouse.ALREADY)}
    counts |= {s: result.count(s) for s in (warehouse.HELD, warehouse.REJECTED)}
    lines.append(", ".join(f"{n} {status.replace('_', ' ')}" for status, n in counts.items()) + ".")
    return "\n".join(lines)


def cmd_anchors(ctx: Context) -> int:
    """District: write the audit anchors received from one site, for its IT to check."""
    a = ctx.args
    if not Path(a.db).exists():
        raise errors.ClinicError(f"The district database {a.db} does not exist.")
    with warehouse.open_warehouse(Path(a.db)) as conn:
        found = warehouse.site_anchors(conn, a.site)
    if not found:
        raise errors.ClinicError(f"No audit anchors from site {a.site} in {a.db}.")
    out = Path(a.out)
    atomic_write_bytes(out, anchors.anchors_file(a.site, found), mode=0o644)
    ctx.emit(
        {"site": a.site, "anchors": len(found), "file": str(out)},
        lambda: (
            f"{len(found)} audit anchor(s) of site {a.site} written to {out}.\n"
            f"At the site: clinic-admin audit verify --anchors {out.parent}"
        ),
    )
    return EXIT_OK


def cmd_report(ctx: Context) -> int:
    db = Path(ctx.args.db)
    if not db.exists():
        raise errors.ClinicError(f"{db} does not exist; import batches into it first.")
    with warehouse.open_warehouse(db) as conn:
        written = report.write_report(conn, Path(ctx.args.out), now=_now())
    ctx.emit({"files": written}, lambda: "Report written:\n" + "\n".join(f"  {p}" for p in written))
    return EXIT_OK


# --- site -------------------------------------------------------------------------------


def cmd_export(ctx: Context) -> int:
    with _open_session(ctx) as session:
        result = sync_service.export_batch(session, Path(ctx.args.out))
    ctx.emit(
        result,
        lambda: "\n".join(
            [
                f"Batch {result.sequence} written: {result.path}",
                f"  changes {result.watermark_from + 1}..{result.watermark_to}, "
                f"SHA-256 {result.checksum}",
                *(f"  {kind:<22} {n}" for kind, n in sorted(result.counts.items())),
            ]
        ),
    )
    return EXIT_OK


def cmd_provision(ctx: Context) -> int:
    raw = _read_file(Path(ctx.args.file))
    out = Path(ctx.args.site_key_out)
    if not out.parent.is_dir():
        raise errors.ClinicError(f"The folder {out.parent} does not exist.")
    with _open_session(ctx) as session:
        result = sync_service.provision(session, raw, new_signing_key=ctx.args.new_signing_key)
        terms = sync_service.export_profile(session)
    atomic_write_bytes(out, result.site_key_file, mode=0o644)
    ctx.emit(
        {
            "district": result.district,
            "site_code": result.site_code,
            "key_id": result.key_id,
            "site_key_file": out,
            "new_signing_key": result.new_signing_key,
            **_terms_json(terms),
        },
        lambda: "\n".join(
            [
                f"Site {result.site_code} now sends batches to {result.district}.",
                f"Give {out} to the district for its trust folder; confirm the key id "
                f"{result.key_id} with them by phone.",
                *_terms_lines(terms),
            ]
        ),
    )
    return EXIT_OK


def cmd_accept_profile(ctx: Context) -> int:
    """Show the district's export profile and agreement; accept them with ``--yes``."""
    with _open_session(ctx) as session:
        terms = sync_service.export_profile(session)
        if ctx.args.yes:
            terms = sync_service.accept_export_profile(session)
    ctx.emit(_terms_json(terms), lambda: "\n".join(_terms_lines(terms)))
    if not terms.accepted:
        ctx.print("Not accepted: read the terms above, then run again with --yes to accept.")
        return EXIT_REFUSED
    return EXIT_OK


def _terms_json(terms: sync_service.ProfileTerms) -> dict[str, object]:
    return {
        "profile": str(terms.profile),
        "agreement": terms.agreement.to_json() if terms.agreement else None,
        "accepted": terms.accepted,
        "accepted_by": terms.accepted_by,
        "accepted_at": terms.accepted_at,
    }


def _terms_lines(terms: sync_service.ProfileTerms) -> list[str]:
    """The profile, what it (and its agreement) permits, and whether export may go ahead."""
    if terms.profile is ExportProfile.SAFE_HARBOR:
        lines = [
            "Export profile: safe-harbor (45 CFR 164.514(b)(2)): no element of any date but "
            'the year, ages over 89 as "90 or older", ZIP codes cut to three digits (000 '
            "where fewer than 20,000 people live); no data use agreement needed."
        ]
    else:
        agreement = terms.agreement
        assert agreement is not None  # a limited data set always has its agreement
        lines = [
            "Export profile: limited-data-set (months of dates; 45 CFR 164.514(e)).",
            f"  data use agreement: {agreement.agreement_id}",
            f"  recipient:          {agreement.recipient}",
            f"  permitted uses:     {'; '.join(agreement.permitted_uses)}",
            f"  expires:            {agreement.expires_on.isoformat()} (export stops after it)",
        ]
    if terms.accepted:
        lines.append(f"  accepted by {terms.accepted_by} at {terms.accepted_at}")
    else:
        lines.append(
            "  NOT ACCEPTED: an administrator must accept it before export: "
            "clinic-admin accept-profile --yes"
        )
    return lines


def add_provision_command(commands: argparse._SubParsersAction) -> None:
    """Register ``provision FILE --site-key-out PUB`` (used by ``clinic-admin``)."""
    p = commands.add_parser(
        "provision",
        help="install the district's provisioning.json and write this site's public "
        "verification key (stdin: your password)",
    )
    p.add_argument("file", metavar="FILE", help="the district's provisioning.json")
    p.add_argument("--site-key-out", metavar="PUB", required=True, help="where to write the .pub")
    p.add_argument(
        "--new-signing-key",
        action="store_true",
        help="replace the site's signing key (the district must trust the new .pub)",
    )
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_provision)

    p = commands.add_parser(
        "accept-profile",
        help="administrator: show the district's export profile and data use agreement, "
        "and accept them with --yes (stdin: your password)",
    )
    p.add_argument("--yes", action="store_true", help="accept the terms shown")
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_accept_profile)


# --- parser -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clinic-sync",
        description="Export, verify, import and report on de-identified clinic batches.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = commands.add_parser("keygen", help="district: create the key pair (once)")
    p.add_argument("--out", metavar="DIR", required=True)
    p.add_argument("--name", default="District", help="the district's name, shown to sites")
    p.add_argument(
        "--profile",
        choices=[str(x) for x in ExportProfile],
        default=str(ExportProfile.SAFE_HARBOR),
        help="what batches may hold (limited-data-set needs the --agreement options)",
    )
    p.add_argument("--agreement-id", metavar="ID", help="the data use agreement's id")
    p.add_argument("--agreement-recipient", metavar="WHO", help="who receives the data")
    p.add_argument(
        "--permitted-use", metavar="USE", action="append", help="a permitted use (repeatable)"
    )
    p.add_argument("--agreement-expires", metavar="YYYY-MM-DD", help="the agreement's expiry")
    add_json_option(p)
    p.set_defaults(handler=cmd_keygen)

    p = commands.add_parser("export", help="site: write the next batch (stdin: your password)")
    p.add_argument("--out", metavar="DIR", required=True, help="e.g. the USB stick")
    add_site_options(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser("verify", help="district: decrypt and check one batch")
    p.add_argument("file", metavar="FILE")
    _add_district_keys(p)
    p.set_defaults(handler=cmd_verify)

    p = commands.add_parser("import", help="district: merge every batch of a folder")
    p.add_argument("batch_dir", metavar="BATCHDIR")
    p.add_argument("--db", metavar="AGG.sqlite", required=True)
    p.add_argument(
        "--force-gap", action="store_true", help="apply batches past a missing one anyway"
    )
    _add_district_keys(p)
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser(
        "anchors",
        help="district: write the audit anchors a site's batches carried, for the site's "
        "clinic-admin audit verify --anchors",
    )
    p.add_argument("--db", metavar="AGG.sqlite", required=True)
    p.add_argument("--site", metavar="CODE", required=True)
    p.add_argument("--out", metavar="FILE", required=True, help="e.g. LHS.anchors.json")
    add_json_option(p)
    p.set_defaults(handler=cmd_anchors)

    p = commands.add_parser("report", help="district: community report (CSV and PDF)")
    p.add_argument("--db", metavar="AGG.sqlite", required=True)
    p.add_argument("--out", metavar="DIR", required=True)
    add_json_option(p)
    p.set_defaults(handler=cmd_report)
    return parser


def _add_district_keys(p: argparse.ArgumentParser) -> None:
    p.add_argument("--key", metavar="district.key", required=True)
    p.add_argument("--trust", metavar="DIR", required=True, help="folder of trusted site .pub")
    add_json_option(p)


def main(
    argv: list[str] | None = None,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    return run(build_parser(), argv, stdin, stdout, stderr)


if __name__ == "__main__":
    raise SystemExit(main())
