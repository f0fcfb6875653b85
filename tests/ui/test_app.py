from pathlib import Path

from clinic_desktop import __version__, paths
from clinic_desktop.services import settings
from clinic_desktop.ui import app

UI_PACKAGE = Path(app.__file__).parent


def test_version(capsys):
    assert app.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"clinic-desktop {__version__}"


def test_usage_error_exits_with_status_2(capsys):
    assert app.main(["--no-such-option"]) == 2


def test_data_folder_choice(tmp_path):
    parser = app.build_parser()
    assert app.data_dir_for(parser.parse_args(["--data-dir", str(tmp_path)])) == tmp_path
    assert app.data_dir_for(parser.parse_args(["--demo"])) == paths.demo_data_dir()
    assert app.data_dir_for(parser.parse_args([])) == paths.default_data_dir()


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
