"""One clock: in ``services`` and ``ui`` a date comes only from ``ClinicSession.today()``.

``now().date()`` is UTC's date with the real clock (tomorrow, every evening in America), and
``date.today()`` / ``datetime.now()`` bypass the injected clock that tests control. This
scan reads the source (AST) and fails on either; an exception must be listed in
``ALLOWED`` with its reason.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "clinic_desktop"
LAYERS = ("services", "ui")
#: Calls on the ``date``/``datetime`` classes that read the computer's clock directly.
_SYSTEM_CLOCK = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
}
#: Functions that turn an instant into the clinic's date; only the session may call them.
_DATE_MAKERS = {"local_date"}
#: (file relative to the package, offending source) -> why it is allowed.
ALLOWED: dict[tuple[str, str], str] = {
    ("services/context.py", "local_date(self.clock())"): "ClinicSession.today() itself",
}


def _is_instant(node: ast.expr) -> bool:
    """``x.now()``, ``clock()``, ``self.clock()``, ``utc_now()`` or a variable ``now``,
    possibly followed by ``.astimezone(...)`` or ``.replace(...)``."""
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"astimezone", "replace"}
    ):
        node = node.func.value
    if isinstance(node, ast.Name):
        return node.id == "now"
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in {"now", "clock", "utc_now"}


def _is_offence(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in _DATE_MAKERS
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr == "date" and not node.args and _is_instant(func.value):
        return True
    owner = func.value
    owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
    return (owner_name, func.attr) in _SYSTEM_CLOCK or func.attr in _DATE_MAKERS


def offences(source: str) -> list[str]:
    """The source text of every call in ``source`` that makes a date behind the clock."""
    tree = ast.parse(source)
    return [ast.get_source_segment(source, n) or "" for n in ast.walk(tree) if _is_offence(n)]


def _layer_offences(layer: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for text in offences(path.read_text(encoding="utf-8")):
            if (relative, text) not in ALLOWED:
                found.append(f"{relative}: {text}")
    return found


@pytest.mark.parametrize("layer", LAYERS)
def test_dates_come_only_from_the_session(layer):
    assert _layer_offences(layer) == []


@pytest.mark.parametrize(
    "source",
    [
        "session.now().date()",
        "self.session.now().date()",
        "self.clock().astimezone(zone).date()",
        "now.astimezone(local_zone(now)).date()",
        "now.date()",
        "date.today()",
        "datetime.now(UTC)",
        "datetime.datetime.now()",
        "datetime.today()",
        "local_date(session.now())",
        "clock.local_date(now)",
    ],
)
def test_the_scan_catches_every_way_round_the_session(source):
    assert offences(source) == [source]


@pytest.mark.parametrize(
    "source",
    [
        "session.today()",
        "value.date()",  # a date-time edit's own value
        "moment.astimezone(zone).date()",  # a stored instant shown on its local day
        "row.created_at.astimezone(zone).date()",
        "session.now()",
    ],
)
def test_the_scan_leaves_other_dates_alone(source):
    assert offences(source) == []


def test_every_allowed_exception_still_exists():
    """A stale entry would let the next offence in the same spelling pass unnoticed."""
    present = {
        (path.relative_to(PACKAGE).as_posix(), text)
        for layer in LAYERS
        for path in (PACKAGE / layer).rglob("*.py")
        for text in offences(path.read_text(encoding="utf-8"))
    }
    assert set(ALLOWED) <= present
