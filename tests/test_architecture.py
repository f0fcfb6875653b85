"""Dependencies point inward: the allowed edges between layers, only ``ui`` imports Qt,
``domain`` imports no SQL either."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "clinic_desktop"

#: Top-level modules every layer may use: no layer of their own, and they import none.
BASE = {"errors", "messages", "clock", "paths", "resources", "fsutil", "logs", "__init__"}
#: Which layer may import which (besides itself and BASE). ``cli`` starts the desktop (``ui``)
#: and runs the self-test; ``demo`` plays a made-up clinic through the services; ``sync``
#: reads the store to export and writes its own warehouse on the district side.
ALLOWED = {
    "ui": {"services", "domain", "demo"},
    "cli": {"ui", "services", "domain", "demo", "sync", "forms"},
    "demo": {"services", "domain", "store"},
    "services": {"domain", "store", "forms", "sync"},
    "forms": {"domain"},
    "sync": {"domain", "store"},
    "store": {"domain"},
    "domain": set(),
}


def _imports(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        for module in _module_imports(path):
            yield path, module


def _module_imports(path: Path):
    """Every module ``path`` imports (``from clinic_desktop import x`` counts as ``x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module == "clinic_desktop":
            yield from (f"clinic_desktop.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("layer", sorted(set(ALLOWED) - {"ui"}))
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


# --- the allowed edges between the package's layers ----------------------------------


def _layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "clinic_desktop" or len(parts) == 1:
        return None
    return parts[1] if (PACKAGE / parts[1]).is_dir() else "base"


def _edges():
    for layer in ALLOWED:
        for path, module in _imports(PACKAGE / layer):
            target = _layer_of(module)
            if target not in (None, layer):
                yield layer, target, path


def test_every_layer_is_in_the_matrix():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert folders == set(ALLOWED)


def test_layers_import_only_what_the_matrix_allows():
    offenders = [
        f"{path.relative_to(PACKAGE)}: {layer} -> {target}"
        for layer, target, path in _edges()
        if target != "base" and target not in ALLOWED[layer]
    ]
    assert offenders == []


def test_base_modules_import_no_layer():
    offenders = [
        f"{path.name}: {module}"
        for path in PACKAGE.glob("*.py")
        if path.name != "__main__.py"  # ``python -m clinic_desktop``: an entry point, like cli
        for module in _module_imports(path)
        if _layer_of(module) not in (None, "base")
    ]
    assert offenders == []


def test_the_matrix_has_no_cycle():
    def reaches(start, goal, seen=()):
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, (*seen, nxt)))
            for nxt in ALLOWED[start]
        )

    assert [layer for layer in ALLOWED if reaches(layer, layer)] == []


def test_the_matrix_would_catch_the_old_cycles():
    """``forms -> services`` and ``ui -> cli`` were real edges before issue 15."""
    assert "services" not in ALLOWED["forms"]
    assert "cli" not in ALLOWED["ui"]
