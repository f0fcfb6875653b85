"""What the audit log records: the actions, and which reads of the record are chart reads.

The action values are stored in ``audit_events.action`` and hashed into the chain, so a
value never changes once released (an old database must keep verifying); new actions are
added, old ones stay. The read policy is data, not a habit of each service function: every
view a service offers is listed once, either as a chart read with the row it leaves in the
log, or as not a chart read with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class AuditAction(StrEnum):
    # site, sign-in and accounts
    SITE_CREATED = "site_created"
    SIGNIN = "signin"
    SIGNIN_RECOVERY = "signin_recovery"
    SIGNIN_FAILED = "signin_failed"
    SIGNIN_UNKNOWN_USER = "signin_unknown_user"
    SIGNIN_WHILE_LOCKED = "signin_while_locked"
    ACCOUNT_LOCKED = "account_locked"
    SCREEN_LOCKED = "screen_locked"
    SCREEN_UNLOCKED = "screen_unlocked"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 (an action name)
    PASSWORD_RESET_BY_RECOVERY = "password_reset_by_recovery"  # noqa: S105 (an action name)
    USER_ADDED = "user_added"
    USER_DISABLED = "user_disabled"
    USER_ENABLED = "user_enabled"
    USER_UNLOCKED = "user_unlocked"
    DATABASE_REKEYED = "database_rekeyed"
    SETTINGS_CHANGED = "settings_changed"
    AUDIT_VERIFIED = "audit_verified"
    DATABASE_CHECKED = "database_checked"
    BACKUP_CREATED = "backup_created"
    BACKUP_RESTORED = "backup_restored"
    SYNC_PROVISIONED = "sync_provisioned"
    SYNC_PROFILE_ACCEPTED = "sync_profile_accepted"
    SYNC_BATCH_EXPORTED = "sync_batch_exported"
    DEMO_DATA_GENERATED = "demo_data_generated"
    # students and the roster
    STUDENT_CREATED = "student_created"
    STUDENT_UPDATED = "student_updated"
    GUARDIAN_ADDED = "guardian_added"
    GUARDIAN_UPDATED = "guardian_updated"
    GUARDIAN_REMOVED = "guardian_removed"
    ROSTER_IMPORTED = "roster_imported"
    ROSTER_CREATED = "roster_created"
    ROSTER_UPDATED = "roster_updated"
    # clinical changes
    VISIT_RECORDED = "visit_recorded"
    VISIT_UPDATED = "visit_updated"
    VISIT_SIGNED = "visit_signed"
    VISIT_ADDENDUM = "visit_addendum"
    SCREENING_RECORDED = "screening_recorded"
    SCREENING_IN_PROGRESS = "screening_in_progress"
    SCREENING_DISCARDED = "screening_discarded"
    RISK_FLAG_RESOLVED = "risk_flag_resolved"
    RISK_FLAG_ACTION = "risk_flag_action"
    CONSENT_RECORDED = "consent_recorded"
    CONSENT_REVOKED = "consent_revoked"
    REFERRAL_CREATED = "referral_created"
    REFERRAL_UPDATED = "referral_updated"
    REFERRAL_STATUS_CHANGED = "referral_status_changed"
    PARTNER_ADDED = "partner_added"
    PARTNER_UPDATED = "partner_updated"
    PARTNER_DEACTIVATED = "partner_deactivated"
    PARTNER_REACTIVATED = "partner_reactivated"
    PARTNERS_IMPORTED = "partners_imported"
    DRAFT_STARTED = "draft_started"
    DRAFT_DISCARDED = "draft_discarded"
    # chart reads
    CHART_VIEWED = "chart_viewed"
    TIMELINE_VIEWED = "timeline_viewed"
    VISITS_VIEWED = "visits_viewed"
    VISIT_VIEWED = "visit_viewed"
    SCREENINGS_VIEWED = "screenings_viewed"
    FLAGS_VIEWED = "flags_viewed"
    CONSENTS_VIEWED = "consents_viewed"
    CONSENT_VIEWED = "consent_viewed"
    CONSENT_CHECKED = "consent_checked"
    REFERRALS_VIEWED = "referrals_viewed"
    REFERRAL_VIEWED = "referral_viewed"
    FOLLOW_UPS_VIEWED = "follow_ups_viewed"
    TODAY_VIEWED = "today_viewed"
    #: A roster search: the list shows names and birth dates (issue 18, finding 8). The
    #: detail holds the number of students listed, never the words searched for.
    STUDENTS_SEARCHED = "students_searched"
    PRINT_CHOICES_VIEWED = "print_choices_viewed"
    FORM_PRINTED = "form_printed"


class ReadView(StrEnum):
    """Every read a service offers; ``READ_POLICY`` says how each is audited."""

    # chart reads
    CHART_HEADER = "chart_header"
    DEMOGRAPHICS = "demographics"
    TIMELINE = "timeline"
    VISITS = "visits"
    VISIT = "visit"
    CURRENT_VISIT = "current_visit"
    SCREENINGS = "screenings"
    OPEN_FLAGS = "open_flags"
    FLAG = "flag"
    CONSENTS = "consents"
    CONSENT = "consent"
    CONSENT_CHECK = "consent_check"
    RELEASE_CHECK = "release_check"
    REFERRALS = "referrals"
    REFERRAL = "referral"
    FOLLOW_UPS = "follow_ups"
    TODAY = "today"
    PRINT_CHOICES = "print_choices"
    CONSENT_FORM = "consent_form"
    RELEASE_FORM = "release_form"
    BLANK_RELEASE_FORM = "blank_release_form"
    REFERRAL_LETTER = "referral_letter"
    RESULTS_LETTER = "results_letter"
    CLASS_PASS = "class_pass"  # noqa: S105 (a hall pass, not a password)
    CONSENT_PACKET = "consent_packet"
    # not chart reads
    STUDENT_SEARCH = "student_search"
    STUDENT_COUNT = "student_count"
    REFERRAL_MEASURES = "referral_measures"
    DRAFT = "draft"
    PARTNERS = "partners"
    SETTINGS = "settings"
    SITE_DETAILS = "site_details"
    SITE_INFO = "site_info"
    SCHOOLS = "schools"
    MAINTENANCE = "maintenance"
    USERS = "users"
    SYNC_STATUS = "sync_status"
    SYNC_EXPORT = "sync_export"
    BACKUP_STATUS = "backup_status"
    AUDIT_CHAIN = "audit_chain"
    DATABASE_CHECK = "database_check"


@dataclass(frozen=True)
class ReadRule:
    """A chart read leaves one ``action`` row about ``entity``; any other read names why not."""

    action: AuditAction | None = None
    entity: str = ""
    not_chart_read: str = ""

    @property
    def is_chart_read(self) -> bool:
        return self.action is not None


def _chart(action: AuditAction, entity: str = "student") -> ReadRule:
    return ReadRule(action, entity)


def _not_chart(why: str) -> ReadRule:
    return ReadRule(not_chart_read=why)


READ_POLICY = MappingProxyType(
    {
        ReadView.CHART_HEADER: _chart(AuditAction.CHART_VIEWED),
        ReadView.DEMOGRAPHICS: _chart(AuditAction.CHART_VIEWED),
        ReadView.TIMELINE: _chart(AuditAction.TIMELINE_VIEWED),
        ReadView.VISITS: _chart(AuditAction.VISITS_VIEWED),
        ReadView.VISIT: _chart(AuditAction.VISIT_VIEWED, "visit"),
        ReadView.CURRENT_VISIT: _chart(AuditAction.VISIT_VIEWED),
        ReadView.SCREENINGS: _chart(AuditAction.SCREENINGS_VIEWED),
        ReadView.OPEN_FLAGS: _chart(AuditAction.FLAGS_VIEWED),
        ReadView.FLAG: _chart(AuditAction.FLAGS_VIEWED, "risk_flag"),
        ReadView.CONSENTS: _chart(AuditAction.CONSENTS_VIEWED),
        ReadView.CONSENT: _chart(AuditAction.CONSENT_VIEWED, "consent"),
        ReadView.CONSENT_CHECK: _chart(AuditAction.CONSENT_CHECKED),
        ReadView.RELEASE_CHECK: _chart(AuditAction.CONSENT_CHECKED, "referral"),
        ReadView.REFERRALS: _chart(AuditAction.REFERRALS_VIEWED),
        ReadView.REFERRAL: _chart(AuditAction.REFERRAL_VIEWED, "referral"),
        ReadView.FOLLOW_UPS: _chart(AuditAction.FOLLOW_UPS_VIEWED, ""),
        ReadView.TODAY: _chart(AuditAction.TODAY_VIEWED, ""),
        ReadView.PRINT_CHOICES: _chart(AuditAction.PRINT_CHOICES_VIEWED),
        ReadView.CONSENT_FORM: _chart(AuditAction.FORM_PRINTED),
        ReadView.RELEASE_FORM: _chart(AuditAction.FORM_PRINTED, "consent"),
        ReadView.BLANK_RELEASE_FORM: _chart(AuditAction.FORM_PRINTED),
        ReadView.REFERRAL_LETTER: _chart(AuditAction.FORM_PRINTED, "referral"),
        ReadView.RESULTS_LETTER: _chart(AuditAction.FORM_PRINTED, "screening"),
        ReadView.CLASS_PASS: _chart(AuditAction.FORM_PRINTED, "visit"),
        ReadView.CONSENT_PACKET: _chart(AuditAction.FORM_PRINTED, ""),
        ReadView.STUDENT_SEARCH: _chart(AuditAction.STUDENTS_SEARCHED, ""),
        ReadView.STUDENT_COUNT: _not_chart("how many students match: a number, no one named"),
        ReadView.REFERRAL_MEASURES: _not_chart("counts by month, about no one student"),
        ReadView.DRAFT: _not_chart("the signed-in user's own unsaved input"),
        ReadView.PARTNERS: _not_chart("the partner directory: organisations, not students"),
        ReadView.SETTINGS: _not_chart("site settings"),
        ReadView.SITE_DETAILS: _not_chart("the clinic's letterhead"),
        ReadView.SITE_INFO: _not_chart("table sizes and versions"),
        ReadView.SCHOOLS: _not_chart("the site's school codes"),
        ReadView.MAINTENANCE: _not_chart("database upkeep facts"),
        ReadView.USERS: _not_chart("staff accounts"),
        ReadView.SYNC_STATUS: _not_chart("batch numbers and the site key"),
        ReadView.SYNC_EXPORT: _not_chart(
            "de-identified records for the district; the export is audited as it is recorded"
        ),
        ReadView.BACKUP_STATUS: _not_chart("backup times and folders"),
        ReadView.AUDIT_CHAIN: _not_chart("the log itself; verifying it is audited"),
        ReadView.DATABASE_CHECK: _not_chart(
            "every page's checksum and the log's chain, no record's content; the check is audited"
        ),
    }
)
