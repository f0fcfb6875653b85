"""Roles and what each may do. The services check these; the UI only mirrors them.

- clinician: everything clinical, including behavioral-health notes.
- nurse: nursing visits, forms, demographics; of sensitive records (behavioral health,
  substance use, sexual and reproductive health) only that they exist and whom to call
  (``domain.sensitivity``).
- it: sync, backup and user accounts; never a student's chart.
- admin: user accounts and site settings; never a student's chart.
"""

from __future__ import annotations

from enum import StrEnum

from clinic_desktop.errors import PermissionDeniedError
from clinic_desktop.messages import as_message, msg


class Role(StrEnum):
    CLINICIAN = "clinician"
    NURSE = "nurse"
    IT = "it"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {
            Role.CLINICIAN: "Clinician",
            Role.NURSE: "Nurse",
            Role.IT: "IT",
            Role.ADMIN: "Administrator",
        }[self]


class Permission(StrEnum):
    SEARCH_STUDENTS = "search_students"
    VIEW_CHART = "view_chart"
    EDIT_DEMOGRAPHICS = "edit_demographics"
    IMPORT_ROSTER = "import_roster"
    RECORD_NURSING_VISIT = "record_nursing_visit"
    RECORD_CLINICAL_VISIT = "record_clinical_visit"
    VIEW_BEHAVIORAL_NOTES = "view_behavioral_notes"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    VERIFY_AUDIT = "verify_audit"
    VIEW_SITE_INFO = "view_site_info"
    ROTATE_KEY = "rotate_key"
    RESTORE_BACKUP = "restore_backup"
    EXPORT_SYNC = "export_sync"
    VIEW_PARTNERS = "view_partners"
    MANAGE_PARTNERS = "manage_partners"
    RECORD_CONSENT = "record_consent"
    MANAGE_REFERRALS = "manage_referrals"


_CHART = {
    Permission.SEARCH_STUDENTS,
    Permission.VIEW_CHART,
    Permission.EDIT_DEMOGRAPHICS,
    Permission.IMPORT_ROSTER,
    Permission.RECORD_NURSING_VISIT,
    Permission.VIEW_SITE_INFO,
    Permission.VIEW_PARTNERS,
    Permission.MANAGE_PARTNERS,
    Permission.RECORD_CONSENT,
}
_ACCOUNTS = {
    Permission.MANAGE_USERS,
    Permission.VERIFY_AUDIT,
    Permission.VIEW_SITE_INFO,
    Permission.ROTATE_KEY,
    Permission.RESTORE_BACKUP,
    Permission.EXPORT_SYNC,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLINICIAN: frozenset(
        _CHART
        | {
            Permission.RECORD_CLINICAL_VISIT,
            Permission.VIEW_BEHAVIORAL_NOTES,
            Permission.MANAGE_REFERRALS,
        }
    ),
    Role.NURSE: frozenset(_CHART),
    Role.IT: frozenset(_ACCOUNTS | {Permission.IMPORT_ROSTER}),
    Role.ADMIN: frozenset(
        _ACCOUNTS
        | {
            Permission.MANAGE_SETTINGS,
            Permission.IMPORT_ROSTER,
            Permission.VIEW_PARTNERS,
            Permission.MANAGE_PARTNERS,
        }
    ),
}


def can(role: Role, permission: Permission) -> bool:
    """Whether ``role`` is allowed ``permission``."""
    return permission in ROLE_PERMISSIONS[Role(role)]


def require(role: Role, permission: Permission) -> None:
    """Raise ``PermissionDeniedError`` unless ``role`` is allowed ``permission``."""
    if not can(role, permission):
        raise PermissionDeniedError(
            msg(
                "Your role ({label}) does not allow this ({value}).",
                label=as_message(Role(role).label),
                value=permission.value,
            )
        )
