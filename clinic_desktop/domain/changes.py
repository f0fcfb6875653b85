"""What kind of record a write changed, so the views showing that kind reload.

An operation declares the kinds it changes; when it succeeds the UI announces them once,
and each view reloads only if it shows one of them (Anki's ``OpChanges``). The kinds are
plain data: the domain names them, the UI decides what to do with them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Change(enum.Enum):
    """A kind of record a write can change."""

    STUDENTS = "students"  # demographics, guardians, the roster
    VISITS = "visits"
    SCREENINGS = "screenings"
    FLAGS = "flags"  # risk flags raised by a screening or resolved by an action
    REFERRALS = "referrals"
    CONSENTS = "consents"
    PARTNERS = "partners"
    USERS = "users"  # staff accounts
    SETTINGS = "settings"  # the site's settings
    SYNC = "sync"  # exports to the district
    BACKUP = "backup"


#: What a write that changes nothing the views show declares.
NOTHING: frozenset[Change] = frozenset()


def changes(*kinds: Change | Iterable[Change]) -> frozenset[Change]:
    """``changes(Change.VISITS, Change.FLAGS)`` as the frozenset operations declare."""
    found: set[Change] = set()
    for kind in kinds:
        found.update((kind,) if isinstance(kind, Change) else kind)
    return frozenset(found)
