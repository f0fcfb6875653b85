"""Reading and changing the site's settings (idle lock, follow-ups, minor consent, ...)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.settings import SiteSettings, validated_settings
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.store.models import Setting

KEY = "site_settings"


def get_settings(session: ClinicSession) -> SiteSettings:
    """The current settings; every signed-in user may read them (the lock needs them)."""
    with session.read() as db:
        return load(db)


def update_settings(session: ClinicSession, **changes: Any) -> SiteSettings:
    """Change some settings (administrators only); returns the new settings."""
    session.require(Permission.MANAGE_SETTINGS)
    with session.write() as db:
        updated = validated_settings(replace(load(db), **changes))
        row = db.get(Setting, KEY)
        if row is None:
            db.add(Setting(key=KEY, value=updated.to_json()))
        else:
            row.value = updated.to_json()
        session.audit(db, "settings_changed", detail={"fields": sorted(changes)})
        return updated


def load(db: Session) -> SiteSettings:
    """Settings inside an open transaction (for services that apply them)."""
    row = db.get(Setting, KEY)
    return SiteSettings.from_json(row.value if row and isinstance(row.value, dict) else {})
