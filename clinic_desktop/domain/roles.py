"""Roles and what each may do. The services check these; the UI only mirrors them.

- clinician: everything clinical, including behavioral-health notes.
- nurse: nursing visits, forms, demographics; of sensitive records (behavioral health,
  substance use, sexual and reproductive health) only that they exist and whom to call
  (``domain.sensitivity``).
- it: sync, backup and IT accounts; never a student's chart.
- admin: every user account and site settings; never a student's chart.

Creating or resetting a clinical (clinician, nurse) or administrator account is for
administrators only (issue 18, finding 7): whoever sets a password can sign in with it and
read what that role reads, so IT, which must never read a chart, manages IT accounts only.
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
    #: Create or reset clinician, nurse and administrator accounts (administrators only).
    MANAGE_STAFF_ACCOUNTS = "manage_staff_accounts"
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
            Permission.MANAGE_STAFF_ACCOUNTS,
            Permission.MANAGE_SETTINGS,
            Permission.IMPORT_ROSTER,
            Permission.VIEW_PARTNERS,
            Permission.MANAGE_PARTNERS,
        }
    ),
}


def account_permission(target: Role | str) -> Permission:
    """What it takes to create an account of role ``target`` or reset its password: IT
    accounts need ``MANAGE_USERS``; clinical and administrator accounts need
    ``MANAGE_STAFF_ACCOUNTS``."""
    return Permission.MANAGE_USERS if Role(target) is Role.IT else Permission.MANAGE_STAFF_ACCOUNTS


def assignable_roles(role: Role | str) -> tuple[Role, ...]:
    """The roles ``role`` may give a new account (or reset), in the order offered."""
    order = (Role.CLINICIAN, Role.NURSE, Role.IT, Role.ADMIN)
    return tuple(r for r in order if can(Role(role), account_permission(r)))


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
