"""Stored records mapped onto the printed forms' inputs (``forms.data``): the site's
header, partners, clinicians, school years, and what a results letter tells a family.

Kept apart from ``services.printing`` (the use cases) so each stays small; these functions
run inside the caller's read transaction and check no permission themselves.

Settings keys read for the header: ``site_name`` and ``site_code`` (written at setup) and,
when an administrator stored them, ``site_address`` and ``site_phone`` (empty otherwise).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop import forms
from clinic_desktop.domain.records import StudentDetail
from clinic_desktop.domain.roles import Role
from clinic_desktop.resources import resource_path
from clinic_desktop.services.settings import load_logo
from clinic_desktop.store.models import Partner, Setting, User

#: Settings keys read for the page header; address and phone are optional.
SITE_KEYS = ("site_name", "site_code", "site_address", "site_phone")
#: The month (July) a school year starts in: "2026-27" runs July 2026 to June 2027.
SCHOOL_YEAR_START_MONTH = 7


def site_from(db: Session) -> forms.SiteInfo:
    """The header facts from the settings table (missing keys print nothing)."""
    rows = db.scalars(select(Setting).where(Setting.key.in_(SITE_KEYS)))
    values = {row.key: str(row.value or "") for row in rows}
    return forms.SiteInfo(
        name=values.get("site_name", ""),
        code=values.get("site_code", ""),
        address=values.get("site_address", ""),
        phone=values.get("site_phone", ""),
        logo_image=load_logo(db),
    )


def partner_info(row: Partner) -> forms.PartnerInfo:
    """The partner as a release names it and a referral letter is addressed."""
    return forms.PartnerInfo(name=row.name, address=row.address, phone=row.phone, fax=row.fax)


def school_year(today: date) -> str:
    """The school year ``today`` falls in, as forms print it ("2026-27")."""
    start = today.year if today.month >= SCHOOL_YEAR_START_MONTH else today.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def school_year_end(today: date) -> date:
    """The last day (June 30) of the school year ``today`` falls in."""
    start = today.year if today.month >= SCHOOL_YEAR_START_MONTH else today.year - 1
    return date(start + 1, SCHOOL_YEAR_START_MONTH - 1, 30)


def clinician_contact(
    db: Session, user_id: uuid.UUID, site: forms.SiteInfo
) -> forms.ClinicianContact:
    """Whom the reader calls back: the staff member, at the health center's phone."""
    user = db.get(User, user_id)
    if user is None:
        return forms.ClinicianContact(name="", phone=site.phone)
    return forms.ClinicianContact(
        name=user.display_name, title=Role(user.role).label, phone=site.phone
    )


def guardian_name(student: StudentDetail) -> str:
    """Whom a family letter greets: the guardian who may consent (none: "the family of")."""
    guardian = next((g for g in student.guardians if g.can_consent), None)
    return guardian.name if guardian else ""


@dataclass(frozen=True)
class FamilyWording:
    """What a results letter says a band means, and what happens next."""

    label: str
    next_steps: tuple[str, ...]


def family_wording(instrument_id: str, band: str | None, lang: str) -> FamilyWording:
    """The plain-language result for ``band`` of ``instrument_id`` (None: the screening
    was not finished); a band the wording file does not know gets a neutral sentence."""
    table = _wording(forms.resolve_language(lang))
    if band is None:
        entry = table["incomplete"]
    else:
        topic = table["instruments"].get(instrument_id, "")
        entry = table["topics"].get(topic, {}).get(band) or table["generic"]
    return FamilyWording(str(entry["label"]), tuple(table["steps"][entry["steps"]]))


@cache
def _wording(lang: str) -> dict[str, Any]:
    path = resource_path("forms", "results_wording", f"{lang}.json")
    return json.loads(path.read_text(encoding="utf-8"))
