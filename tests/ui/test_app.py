import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from clinic_desktop import __version__, paths
from clinic_desktop.cli import desktop
from clinic_desktop.services import settings
from clinic_desktop.ui import app

UI_PACKAGE = Path(app.__file__).parent


def test_version(capsys):
    assert desktop.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"clinic-desktop {__version__}"


def test_usage_error_exits_with_status_2(capsys):
    assert desktop.main(["--no-such-option"]) == 2


def test_data_folder_choice(tmp_path):
    parser = desktop.build_parser()
    assert desktop.data_dir_for(parser.parse_args(["--data-dir", str(tmp_path)])) == tmp_path
    assert desktop.data_dir_for(parser.parse_args(["--demo"])) == paths.demo_data_dir()
    assert desktop.data_dir_for(parser.parse_args([])) == paths.default_data_dir()


def test_only_the_dialogs_seam_opens_message_boxes_and_file_dialogs():
    for source in UI_PACKAGE.rglob("*.py"):
        if source.name == "dialogs.py":
            continue
        text = source.read_text(encoding="utf-8")
        assert "QMessageBox" not in text, source.name
        assert "QFileDialog" not in text, source.name


def _launch(qtbot, site, monkeypatch):
    quits = []
    monkeypatch.setattr(app.QApplication, "quit", lambda: quits.append(True))
    launcher = app.Launcher(site.data_dir, clock=site.clock)
    session = site.sign_in("clinician")
    launcher.open_main_window(session, "Lincoln High School Health Center")
    qtbot.addWidget(launcher.window)
    return launcher, quits


def test_quitting_the_workspace_closes_the_session_and_the_app(qtbot, site, monkeypatch):
    launcher, quits = _launch(qtbot, site, monkeypatch)
    launcher.window.quit_action.trigger()
    qtbot.waitUntil(lambda: quits == [True], timeout=5000)
    assert launcher.session is None
    assert launcher.window is None


def test_signing_out_asks_for_a_sign_in_again(qtbot, site, monkeypatch):
    launcher, quits = _launch(qtbot, site, monkeypatch)
    asked = []
    monkeypatch.setattr(launcher, "sign_in", lambda: asked.append(True) or True)
    launcher.window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: asked == [True], timeout=5000)
    assert launcher.session is None
    assert quits == []


def test_the_idle_lock_uses_the_sites_setting(qtbot, site, monkeypatch):
    with site.sign_in("admin") as admin:
        settings.update_settings(admin, idle_lock_minutes=12)
    launcher, _quits = _launch(qtbot, site, monkeypatch)
    qtbot.waitUntil(lambda: launcher.screen_lock.watcher.interval_ms == 12 * 60_000, timeout=5000)
    assert launcher.screen_lock.watcher.running
    launcher.window.quit_action.trigger()
    qtbot.waitUntil(lambda: launcher.screen_lock is None, timeout=5000)


def test_an_idle_lock_interval_saved_in_settings_reaches_the_running_lock(qtbot, site, monkeypatch):
    launcher, _quits = _launch(qtbot, site, monkeypatch)
    start = settings.get_settings(launcher.session).idle_lock_minutes * 60_000
    qtbot.waitUntil(lambda: launcher.screen_lock.watcher.interval_ms == start, timeout=5000)
    with site.sign_in("admin") as admin:
        current = settings.admin_settings(admin)
        nine = replace(current, settings=replace(current.settings, idle_lock_minutes=9))
        saved = settings.save_admin_settings(admin, nine)
    launcher.window.settings_changed.emit(saved)
    assert launcher.screen_lock.watcher.interval_ms == 9 * 60_000
    launcher.window.quit_action.trigger()
    qtbot.waitUntil(lambda: launcher.screen_lock is None, timeout=5000)


# --- start-up: what is imported before the sign-in window (issue 9) -----------------------

ROOT = UI_PACKAGE.parents[1]
#: Modules the sign-in window must not wait for: the workspace, migrations, PDF forms, sync.
WORKSPACE_ONLY = ("clinic_desktop.ui.main_window", "alembic", "reportlab", "clinic_desktop.sync")


def _modules_after(code: str) -> tuple[str, set[str]]:
    """Run ``code`` in a fresh interpreter; its stdout and the top modules it loaded."""
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    *output, modules = done.stdout.strip().splitlines()
    return "\n".join(output), set(json.loads(modules))


def test_importing_the_entry_module_leaves_the_workspace_unloaded():
    _, loaded = _modules_after("import clinic_desktop.ui.app")
    assert "clinic_desktop.ui.app" in loaded
    assert not {m for m in loaded if m.startswith(WORKSPACE_ONLY)}


def test_showing_the_sign_in_window_loads_neither_the_store_nor_the_demo():
    # The dialog signs in through services loaded on submit: the ORM, SQLCipher, Alembic
    # and the demo service cost ≈ 1 s of start-up that the window need not wait for.
    code = (
        "from pathlib import Path\n"
        "from clinic_desktop.ui.app import create_application\n"
        "from clinic_desktop.ui.signin_dialog import SignInDialog\n"
        "app = create_application()\n"
        "dialog = SignInDialog(Path('no-such-site'))\n"
        "dialog.show()\n"
        "app.processEvents()\n"
        "print(dialog.isVisible())\n"
    )
    output, loaded = _modules_after(code)
    assert output == "True"
    store_side = ("sqlalchemy", "sqlcipher3", "clinic_desktop.services", "clinic_desktop.store")
    assert not {m for m in loaded if m.startswith(WORKSPACE_ONLY + store_side)}


def test_migrations_load_alembic_only_when_they_run():
    _, loaded = _modules_after("import clinic_desktop.store.migrate")
    assert "clinic_desktop.store.migrate" in loaded
    assert not {m for m in loaded if m.startswith("alembic")}


def test_version_is_answered_without_qt_or_the_store():
    output, loaded = _modules_after(
        "from clinic_desktop.cli.desktop import main\nassert main(['--version']) == 0"
    )
    assert output == f"clinic-desktop {__version__}"
    assert not {m for m in loaded if m.startswith(("PySide6", "sqlalchemy", "sqlcipher3"))}


def test_self_test_runs_before_any_platform_check(monkeypatch):
    from clinic_desktop.cli import selftest

    monkeypatch.setattr(selftest, "run_self_test", lambda: 7)
    monkeypatch.setattr(app.platform_check, "check_desktop", pytest.fail)
    assert desktop.main(["--self-test"]) == 7
