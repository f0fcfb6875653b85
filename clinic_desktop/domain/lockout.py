"""How sign-in slows down and then stops after wrong passwords.

The delay grows with consecutive failures so a person who mistypes barely notices, while a
guesser at the keyboard is slowed quickly; after ``max_failures`` the account is locked
until an administrator unlocks it. Pure: the clock is the caller's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    free_failures: int = 1
    base_delay_seconds: float = 2.0
    max_delay_seconds: float = 60.0

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> LockoutPolicy:
        """Parse a stored policy; ``ValueError`` unless every value is a number in range
        (a garbage policy must not turn a wrong password into a crash, or disable lockout)."""
        if not isinstance(data, dict):
            raise ValueError("a lockout policy is an object")
        defaults = asdict(cls())
        values = {k: data[k] for k in defaults if k in data}
        for name, value in values.items():
            if isinstance(value, bool) or not isinstance(value, type(defaults[name]) | int):
                raise ValueError(f"lockout policy {name} is not a number")
        policy = cls(**values)
        if policy.max_failures < 1 or policy.free_failures < 0:
            raise ValueError("lockout policy counts out of range")
        if not 0 <= policy.base_delay_seconds <= policy.max_delay_seconds:
            raise ValueError("lockout policy delays out of range")
        return policy


def delay_after(failures: int, policy: LockoutPolicy) -> timedelta:
    """The wait imposed after ``failures`` consecutive wrong passwords."""
    if failures <= policy.free_failures:
        return timedelta(0)
    seconds = policy.base_delay_seconds * 2 ** (failures - policy.free_failures - 1)
    return timedelta(seconds=min(seconds, policy.max_delay_seconds))


def is_locked_out(failures: int, policy: LockoutPolicy) -> bool:
    """Whether this many consecutive failures locks the account."""
    return failures >= policy.max_failures


def retry_after(failures: int, last_failure: datetime, policy: LockoutPolicy) -> datetime:
    """The earliest moment another attempt is accepted."""
    return last_failure + delay_after(failures, policy)
