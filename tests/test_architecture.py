"""Dependencies point inward: only ``ui`` may import Qt; ``domain`` imports no SQL either."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "clinic_desktop"


def _imports(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name
            elif isinstance(node, ast.ImportFrom) and node.module:
                yield path, node.module


@pytest.mark.parametrize("layer", ["domain", "store", "services", "forms", "sync", "cli"])
def test_no_qt_outside_the_ui(layer):
    offenders = [
        f"{p.relative_to(PACKAGE)}: {m}"
        for p, m in _imports(PACKAGE / layer)
        if m.split(".")[0] in {"PySide6", "shiboken6"}
    ]
    assert offenders == []


def test_domain_is_pure():
    offenders = [
        f"{p.relative_to(PACKAGE)}: {m}"
        for p, m in _imports(PACKAGE / "domain")
        if m.split(".")[0] in {"sqlalchemy", "sqlcipher3", "alembic", "PySide6"}
        or m.startswith(("clinic_desktop.store", "clinic_desktop.services", "clinic_desktop.ui"))
    ]
    assert offenders == []


def test_ui_never_touches_the_store():
    offenders = [
        f"{p.relative_to(PACKAGE)}: {m}"
        for p, m in _imports(PACKAGE / "ui")
        if m.split(".")[0] in {"sqlalchemy", "sqlcipher3"} or m.startswith("clinic_desktop.store")
    ]
    assert offenders == []
