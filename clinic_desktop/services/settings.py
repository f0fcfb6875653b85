"""Reading and changing the site's settings (idle lock, follow-ups, minor consent, ...),
the clinic's details printed on forms, and the logo printed beside them.

Everything lives in the encrypted store's ``settings`` table: behaviour as one JSON value
(``site_settings``), the header facts as ``site_name`` / ``site_address`` / ``site_phone``
(read by ``services.form_inputs.site_from``), and the logo as ``site_logo``: a PNG,
re-encoded here from what the administrator chose (scaled down, metadata such as a photo's
location dropped), base64 in JSON. No copy of it is ever written to disk.
"""

from __future__ import annotations

import base64
import binascii
import io
import warnings
from dataclasses import asdict, dataclass, replace
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.settings import (
    LOGO_MAX_PIXELS,
    SiteDetails,
    SiteSettings,
    logo_format,
    logo_size_problem,
    validated_settings,
    validated_site_details,
)
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import SIGNED_IN, reading, unit_of_work
from clinic_desktop.store.models import Setting

KEY = "site_settings"
LOGO_KEY = "site_logo"
DETAIL_KEYS = tuple(SiteDetails.__dataclass_fields__)


def get_settings(session: ClinicSession) -> SiteSettings:
    """The current settings; every signed-in user may read them (the lock needs them)."""
    with reading(session, SIGNED_IN, ReadView.SETTINGS) as read:
        return load(read.db)


def update_settings(session: ClinicSession, **changes: Any) -> SiteSettings:
    """Change some settings (administrators only); returns the new settings."""
    with unit_of_work(session, Permission.MANAGE_SETTINGS) as work:
        updated = validated_settings(replace(load(work.db), **changes))
        put_setting(work.db, KEY, updated.to_json())
        work.audit(AuditAction.SETTINGS_CHANGED, detail={"fields": sorted(changes)})
        return updated


def load(db: Session) -> SiteSettings:
    """Settings inside an open transaction (for services that apply them)."""
    row = db.get(Setting, KEY)
    return SiteSettings.from_json(row.value if row and isinstance(row.value, dict) else {})


# --- the Settings dialog: everything at once ---------------------------------------------


@dataclass(frozen=True)
class AdminSettings:
    """What the administrator's Settings dialog shows and saves, in one piece."""

    settings: SiteSettings
    details: SiteDetails
    #: The stored logo (a PNG), or None when forms print the site's name alone.
    logo: bytes | None = None


def admin_settings(session: ClinicSession) -> AdminSettings:
    """The current settings, site details and logo (administrators only)."""
    with reading(session, Permission.MANAGE_SETTINGS, ReadView.SETTINGS) as read:
        return AdminSettings(load(read.db), load_details(read.db), load_logo(read.db))


def save_admin_settings(session: ClinicSession, wanted: AdminSettings) -> AdminSettings:
    """Check everything first, then save it in one transaction: a refusal (one
    ``ValidationError`` naming every bad field) saves nothing. ``wanted.logo`` is the
    logo to print (a new file's bytes, the stored one, or None to print none)."""
    with reading(session, Permission.MANAGE_SETTINGS, ReadView.SETTINGS) as read:
        stored_logo = load_logo(read.db)
    # Checked outside the write transaction: decoding a large new logo holds no lock.
    clean = _validated(wanted, stored_logo)
    with unit_of_work(session, Permission.MANAGE_SETTINGS) as work:
        db = work.db
        current = AdminSettings(load(db), load_details(db), load_logo(db))
        changed = _changed_fields(current, clean)
        if not changed:
            return current
        put_setting(db, KEY, clean.settings.to_json())
        for key, value in asdict(clean.details).items():
            put_setting(db, key, value)
        if clean.logo != current.logo:
            _put_logo(db, clean.logo)
        work.audit(AuditAction.SETTINGS_CHANGED, detail={"fields": changed})
        return clean


def _validated(wanted: AdminSettings, stored_logo: bytes | None) -> AdminSettings:
    problems: list[FieldError] = []
    parts: dict[str, Any] = {"settings": wanted.settings, "details": wanted.details}
    for name, check in (("settings", validated_settings), ("details", validated_site_details)):
        try:
            parts[name] = check(parts[name])
        except ValidationError as exc:
            problems.extend(exc.errors)
    logo = wanted.logo
    if logo is not None and logo != stored_logo:
        try:
            logo = prepared_logo(logo)
        except ValidationError as exc:
            problems.extend(exc.errors)
    if problems:
        raise ValidationError(problems)
    return AdminSettings(parts["settings"], parts["details"], logo)


def _changed_fields(before: AdminSettings, after: AdminSettings) -> list[str]:
    """Names of what changed (for the audit row: names only, never values)."""
    old, new = before.settings.to_json(), after.settings.to_json()
    changed = [key for key in new if new[key] != old.get(key)]
    changed += [
        key for key in DETAIL_KEYS if getattr(before.details, key) != getattr(after.details, key)
    ]
    if before.logo != after.logo:
        changed.append(LOGO_KEY)
    return changed


# --- site details and logo ---------------------------------------------------------------


def load_details(db: Session) -> SiteDetails:
    """The header facts inside an open transaction (missing ones empty)."""
    rows = db.scalars(select(Setting).where(Setting.key.in_(DETAIL_KEYS)))
    values = {row.key: str(row.value or "") for row in rows}
    return SiteDetails(**{key: values.get(key, "") for key in DETAIL_KEYS})


def load_logo(db: Session) -> bytes | None:
    """The stored logo (PNG bytes) inside an open transaction; None when there is none
    (or the stored value is damaged: forms then print without it)."""
    row = db.get(Setting, LOGO_KEY)
    value = row.value if row is not None else None
    if not isinstance(value, dict) or not isinstance(value.get("png"), str):
        return None
    try:
        return base64.b64decode(value["png"], validate=True)
    except (binascii.Error, ValueError):
        return None


def prepared_logo(data: bytes) -> bytes:
    """The logo as it is stored and printed: a real PNG or JPEG, decoded in full (so a
    truncated or disguised file is refused), scaled to ``LOGO_MAX_PIXELS`` on its longest
    side, re-encoded as PNG without metadata. ``ValidationError`` on ``logo`` otherwise."""
    logo_format(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                _check_size(image.size)
                image.load()
                return _png(image)
    except (
        OSError,
        SyntaxError,
        ValueError,
        UnidentifiedImageError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ) as exc:
        raise ValidationError([FieldError("logo", "could not be read as an image")]) from exc


def _check_size(size: tuple[int, int]) -> None:
    problem = logo_size_problem(*size)
    if problem:
        raise ValidationError([FieldError("logo", problem)])


def _png(image: Image.Image) -> bytes:
    transparent = "A" in image.getbands() or "transparency" in image.info
    picture = image.convert("RGBA" if transparent else "RGB")
    picture.thumbnail((LOGO_MAX_PIXELS, LOGO_MAX_PIXELS), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


def _put_logo(db: Session, logo: bytes | None) -> None:
    if logo is None:
        row = db.get(Setting, LOGO_KEY)
        if row is not None:
            db.delete(row)
        return
    put_setting(db, LOGO_KEY, {"format": "PNG", "png": base64.b64encode(logo).decode("ascii")})


def put_setting(db: Session, key: str, value: Any) -> None:
    """Store ``value`` under ``key`` in the settings table, inside the caller's transaction."""
    row = db.get(Setting, key)
    if row is None:
        db.add(Setting(key=key, value=value))
    else:
        row.value = value
