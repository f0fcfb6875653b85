"""Every service goes through the unit of work and the read policy (issue 15).

Walks the source of ``clinic_desktop/services`` and ``clinic_desktop/demo``: a transaction
is opened only inside ``services/unit.py`` (and the few places that run before a session
exists, listed with their reason); every audit action is an ``AuditAction``, never a
bare string; every read names a ``ReadView`` that ``READ_POLICY`` rules on.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from clinic_desktop.domain.audit import READ_POLICY, AuditAction, ReadView

PACKAGE = Path(__file__).resolve().parents[1] / "clinic_desktop"
#: Modules that own transactions: the unit itself and the session it wraps.
OWNERS = {"services/unit.py", "services/context.py"}
#: (module, function) that open the store before any ``ClinicSession`` exists.
BEFORE_A_SESSION = {
    ("services/site.py", "setup_site"): "builds the database before its first user exists",
    ("services/site.py", "_signed_in_user"): "the sign-in that creates the session",
    ("services/backup.py", "_audit_restore"): "restore runs with the app closed",
}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for folder in ("services", "demo"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            name = f"{folder}/{path.name}"
            yield name, ast.parse(path.read_text(encoding="utf-8"), filename=name)


def _functions(tree: ast.Module) -> Iterator[ast.FunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            yield node


def _calls(node: ast.AST) -> Iterator[ast.Call]:
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            yield child


def _transactions(function: ast.FunctionDef) -> list[int]:
    """Lines where ``function`` opens a store or session transaction itself."""
    lines = []
    for call in _calls(function):
        target = call.func
        if (
            isinstance(target, ast.Attribute)
            and target.attr in {"read", "write"}
            and not call.args
            and ast.unparse(target.value).split(".")[-1] in {"session", "store"}
        ):
            lines.append(call.lineno)
    return lines


def test_no_service_opens_a_transaction_outside_the_unit():
    bypasses = [
        f"{module}:{line} {function.name}"
        for module, tree in _modules()
        if module not in OWNERS
        for function in _functions(tree)
        if (module, function.name) not in BEFORE_A_SESSION
        for line in _transactions(function)
    ]
    assert bypasses == []


def test_the_listed_exceptions_still_exist():
    found = {(m, f.name) for m, tree in _modules() for f in _functions(tree) if _transactions(f)}
    assert set(BEFORE_A_SESSION) <= found


#: Public functions taking the session that never touch the store, with the reason.
NO_STORE = {
    "local_today": "the clock only",
    "require_sync": "the permission check itself",
}


def test_every_public_service_goes_through_the_unit_or_the_read_policy():
    """A public function taking the session reaches ``unit_of_work`` or ``reading``,
    itself, through a helper of its module or through another service function."""
    services = [(m, t) for m, t in _modules() if m.startswith("services/") and m not in OWNERS]
    public = {
        f.name: f
        for _, tree in services
        for f in tree.body
        if isinstance(f, ast.FunctionDef) and not f.name.startswith("_")
    }
    missing = []
    for module, tree in services:
        local = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
        for name, function in local.items():
            takes_session = [a.arg for a in function.args.args][:1] == ["session"]
            if name.startswith("_") or not takes_session or name in NO_STORE:
                continue
            if not _reaches_unit(function, {**public, **local}, {name}):
                missing.append(f"{module} {name}")
    assert missing == []


def _reaches_unit(function: ast.FunctionDef, known: dict, seen: set[str]) -> bool:
    for call in _calls(function):
        name = ast.unparse(call.func).split(".")[-1]
        if name in {"unit_of_work", "reading"}:
            return True
        if name in known and name not in seen:
            seen.add(name)
            if _reaches_unit(known[name], known, seen):
                return True
    return False


def _action_arguments(call: ast.Call) -> list[ast.expr]:
    name = ast.unparse(call.func).split(".")[-1]
    found = [k.value for k in call.keywords if k.arg in {"action", "_audit_action"}]
    if name == "audit" and call.args:
        found.append(call.args[0])
    return found


def test_audit_actions_are_never_bare_strings():
    bare = [
        f"{module}:{call.lineno} {ast.unparse(value)}"
        for module, tree in _modules()
        for call in _calls(tree)
        for value in _action_arguments(call)
        if isinstance(value, ast.Constant | ast.JoinedStr | ast.BinOp)
    ]
    assert bare == []


def test_direct_audit_rows_are_written_only_by_the_unit():
    direct = [
        f"{module}:{call.lineno}"
        for module, tree in _modules()
        if module not in OWNERS
        for call in _calls(tree)
        if ast.unparse(call.func) in {"session.audit", "self.session.audit"}
    ]
    assert direct == []


def _read_views() -> Iterator[tuple[str, ast.expr]]:
    for module, tree in _modules():
        for call in _calls(tree):
            if ast.unparse(call.func).split(".")[-1] == "reading" and len(call.args) >= 3:
                yield module, call.args[2]


def test_every_read_names_a_view_of_the_policy_table():
    named = []
    for module, view in _read_views():
        text = ast.unparse(view)
        assert text.startswith("ReadView.") or isinstance(view, ast.Name), f"{module}: {text}"
        if text.startswith("ReadView."):
            named.append(ReadView[text.removeprefix("ReadView.")])
    assert set(named) <= set(READ_POLICY)
    assert named, "no reads found: the walk is broken"


@pytest.mark.parametrize("view", list(ReadView))
def test_the_policy_rules_on_every_view(view):
    rule = READ_POLICY[view]
    if rule.is_chart_read:
        assert isinstance(rule.action, AuditAction) and not rule.not_chart_read
    else:
        assert rule.not_chart_read, f"{view} must say why it is not a chart read"


def test_every_view_of_the_table_is_used():
    used = {ast.unparse(v).removeprefix("ReadView.") for _, v in _read_views()}
    used |= {
        ast.unparse(node).removeprefix("ReadView.")
        for _, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and ast.unparse(node.value) == "ReadView"
    }
    assert {v.name for v in ReadView} <= used


def test_chart_reads_include_today_and_every_chart_tab():
    chart_reads = {v for v, rule in READ_POLICY.items() if rule.is_chart_read}
    assert {
        ReadView.TODAY,
        ReadView.CHART_HEADER,
        ReadView.TIMELINE,
        ReadView.VISITS,
        ReadView.SCREENINGS,
        ReadView.OPEN_FLAGS,
        ReadView.CONSENTS,
        ReadView.REFERRALS,
        ReadView.FOLLOW_UPS,
    } <= chart_reads
