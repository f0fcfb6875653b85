"""The IT sync panel: provision from the district's file, save the site key, export a batch
with a progress bar into a chosen folder, list the batches; clinicians never see it."""

import errno
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from clinic_desktop import errors
from clinic_desktop.domain.deidentify import ExportProfile
from clinic_desktop.services import students
from clinic_desktop.services import sync as sync_service
from clinic_desktop.sync import batch, keys
from clinic_desktop.sync.verify import read_batch
from clinic_desktop.ui import operations
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.sync_panel import SyncPanel
from tests.factories import accept_profile, guardian, student

TIMEOUT = 10000


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


@pytest.fixture
def district(tmp_path):
    folder = tmp_path / "district"
    keys.generate_district_keys(folder, "Riverside Unified")
    (tmp_path / "trust").mkdir()
    return folder


@pytest.fixture
def roster(site):
    with site.sign_in("clinician") as clinician:
        for n in range(3):
            students.create_student(clinician, student(district_id=f"D{n}"), (guardian(),))


def show_panel(qtbot, session) -> SyncPanel:
    panel = SyncPanel(session)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        panel.show()
    return panel


def provision(qtbot, panel, prompts, district, key_path) -> None:
    prompts.answers["choose_open_file"] = district / keys.PROVISIONING_NAME
    prompts.answers["choose_save_file"] = key_path
    qtbot.mouseClick(panel.provision_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(key_path.exists, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: panel.facts["district"].text() == "Riverside Unified", timeout=TIMEOUT)
    prompts.take("choose_open_file")
    [asked] = prompts.take("choose_save_file")
    assert asked.kwargs["suggested"].name == "LHS.pub"


def test_provision_then_export_with_progress_and_list_the_batch(
    qtbot, it_user, roster, district, prompts, tmp_path
):
    panel = show_panel(qtbot, it_user)
    assert panel.facts["district"].text() == "Not provisioned"
    assert not panel.export_button.isEnabled() and panel.provision_button.isEnabled()
    key_path = tmp_path / "trust" / "LHS.pub"
    provision(qtbot, panel, prompts, district, key_path)
    assert keys.SiteKey.from_bytes(key_path.read_bytes()).site_code == "LHS"
    assert panel.facts["key_id"].text() == keys.SiteKey.from_bytes(key_path.read_bytes()).key_id
    assert "not accepted yet" in panel.facts["profile"].text()
    assert not panel.export_button.isEnabled()
    assert "must review and accept" in panel.export_button.toolTip()
    accept_profile(it_user)  # an administrator, elsewhere
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        panel.refresh()
    qtbot.waitUntil(panel.export_button.isEnabled, timeout=TIMEOUT)
    assert panel.model.rowCount() == 0 and panel.facts["last_batch"].text() == "None yet"

    usb = tmp_path / "usb"
    usb.mkdir()
    prompts.answers["choose_folder"] = usb
    steps = []
    panel.progress.valueChanged.connect(steps.append)
    with qtbot.waitSignal(panel.exported, timeout=TIMEOUT) as exported:
        qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    prompts.take("choose_folder")
    assert steps and steps == sorted(steps)
    result = exported.args[0]
    assert result.sequence == 1 and result.path.parent == usb and result.path.exists()
    assert panel.progress.value() == panel.progress.maximum()  # the bar ends full
    assert "Batch 1 written" in panel.result_label.text()
    found = read_batch(
        result.path,
        keys.load_identity(district / keys.DISTRICT_KEY_NAME),
        keys.TrustStore.load(tmp_path / "trust"),
    )
    assert found.sequence == 1 and found.site == "LHS"
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=TIMEOUT)
    row = panel.model.rows()[0].cells
    assert row[0] == "1" and row[2] == f"{sum(result.counts.values()):,}"
    assert row[3] == result.path.name
    assert panel.facts["last_batch"].text().startswith("No. 1, ")
    assert panel.facts["pending"].text() == "0"


def test_the_bar_follows_the_records_written(qtbot, it_user, monkeypatch, prompts, tmp_path):
    """A stand-in export that reports like the real one (every thousand records)."""
    gate = threading.Event()
    result = sync_service.ExportResult(tmp_path / "LHS-000001.batch", 1, 0, 9, {"x": 2500}, "c")

    def export(session, folder, *, progress):
        for done in (1000, 2000):
            progress(done)
        gate.wait(5)
        progress(2500)
        return result

    monkeypatch.setattr(sync_service, "export_batch", export)
    panel = show_panel(qtbot, it_user)
    panel.status = sync_service.SyncStatus(True, "Riverside Unified", "k", 0, 0, 4000)
    panel._update_buttons()
    seen = []
    prompts.answers["choose_folder"] = tmp_path
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    prompts.take("choose_folder")
    qtbot.waitUntil(lambda: panel.progress.value() == 2000, timeout=TIMEOUT)
    assert panel.progress.maximum() == 4000 and not panel.export_button.isEnabled()
    assert panel.result_label.text() == "Exporting… 2,000 records written"
    panel.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(panel.exported, timeout=TIMEOUT):
        gate.set()
    assert panel.progress.value() == panel.progress.maximum() == 2500
    assert seen[-1] == 2500


def test_an_unprovisioned_export_or_a_missing_folder_is_explained(
    qtbot, it_user, district, prompts, tmp_path
):
    panel = show_panel(qtbot, it_user)
    provision(qtbot, panel, prompts, district, tmp_path / "LHS.pub")
    accept_profile(it_user)
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        panel.refresh()
    qtbot.waitUntil(panel.export_button.isEnabled, timeout=TIMEOUT)
    prompts.answers["choose_folder"] = tmp_path / "unplugged" / "stick" / "batches"
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    prompts.take("choose_folder")
    qtbot.waitUntil(lambda: panel.state_label.isVisibleTo(panel), timeout=TIMEOUT)
    assert "is the USB stick mounted?" in panel.state_label.text()
    assert panel.progress.isHidden()
    assert not list(Path(tmp_path).glob("**/*.batch"))


def test_a_wrong_provisioning_file_is_refused_in_the_panel(qtbot, it_user, prompts, tmp_path):
    bad = tmp_path / "provisioning.json"
    bad.write_text("{}", encoding="utf-8")
    panel = show_panel(qtbot, it_user)
    prompts.answers["choose_open_file"] = bad
    qtbot.mouseClick(panel.provision_button, Qt.MouseButton.LeftButton)
    prompts.take("choose_open_file")
    qtbot.waitUntil(lambda: panel.state_label.isVisibleTo(panel), timeout=TIMEOUT)
    assert panel.facts["district"].text() == "Not provisioned"


def test_it_gets_the_panel_and_a_clinician_never_does(qtbot, site, it_user):
    window = MainWindow(it_user, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    [panel] = window.findChildren(SyncPanel)
    assert window.admin_tabs.widget(1) is panel
    with site.sign_in("clinician") as clinician:
        clinical = MainWindow(clinician, site_name="Lincoln High School Health Center")
        qtbot.addWidget(clinical)
        assert clinical.findChildren(SyncPanel) == []
        assert not hasattr(clinical, "admin_tabs")
        clinical.close()
        qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


def _lds_file(district: Path) -> bytes:
    plain = keys.Provisioning.from_bytes((district / keys.PROVISIONING_NAME).read_bytes())
    agreement = keys.DataUseAgreement(
        "DUA-7", "Riverside Unified Health Office", ("monthly surveillance",), date(2027, 6, 30)
    )
    return keys.Provisioning(
        plain.district, plain.recipient, ExportProfile.LIMITED_DATA_SET, agreement
    ).to_bytes()


def test_it_sees_the_agreement_but_cannot_accept_it(qtbot, it_user, district, tmp_path):
    sync_service.provision(it_user, _lds_file(district))
    panel = show_panel(qtbot, it_user)
    text = panel.facts["profile"].text()
    assert "DUA-7" in text and "06/30/2027" in text and "not accepted" in text
    assert not panel.accept_button.isVisible()


def test_an_administrator_reviews_and_accepts_the_agreement(
    qtbot, admin, district, prompts, tmp_path
):
    sync_service.provision(admin, _lds_file(district))
    panel = show_panel(qtbot, admin)
    assert panel.accept_button.isVisible()

    prompts.answers["confirm"] = False
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    [shown] = prompts.take("confirm")
    terms = shown.args[2]
    for part in ("DUA-7", "Riverside Unified Health Office", "monthly surveillance", "06/30/2027"):
        assert part in terms
    assert not sync_service.export_profile(admin).accepted

    prompts.answers["confirm"] = True
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    prompts.take("confirm")
    assert sync_service.export_profile(admin).accepted
    assert "accepted by admin" in panel.facts["profile"].text()
    assert not panel.accept_button.isVisible()


def test_it_sees_safe_harbor_waiting_for_an_administrator(qtbot, it_user, district):
    sync_service.provision(it_user, (district / keys.PROVISIONING_NAME).read_bytes())
    panel = show_panel(qtbot, it_user)
    text = panel.facts["profile"].text()
    assert text.startswith("Safe Harbor") and "not accepted yet" in text
    assert not panel.accept_button.isVisible() and not panel.export_button.isEnabled()


def test_an_administrator_reviews_and_accepts_safe_harbor(qtbot, admin, district, prompts):
    sync_service.provision(admin, (district / keys.PROVISIONING_NAME).read_bytes())
    panel = show_panel(qtbot, admin)
    assert panel.accept_button.isVisible() and panel.accept_button.text() == "Review profile…"
    prompts.answers["confirm"] = True
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    [shown] = prompts.take("confirm")
    for part in ("Safe Harbor", "164.514(b)(2)", "only the year", "90 or older", "three digits"):
        assert part in shown.args[2]
    assert sync_service.export_profile(admin).accepted
    assert "accepted by admin" in panel.facts["profile"].text()
    assert not panel.accept_button.isVisible() and panel.export_button.isEnabled()


def test_a_full_usb_stick_is_a_plain_message_and_uses_no_batch_number(
    qtbot, it_user, roster, district, prompts, tmp_path, monkeypatch
):
    """Issue 18, finding 10: the panel never says "written" for a batch that is not on the
    stick, and the batch list and numbering are untouched."""
    sync_service.provision(it_user, (district / keys.PROVISIONING_NAME).read_bytes())
    accept_profile(it_user)
    panel = show_panel(qtbot, it_user)
    qtbot.waitUntil(panel.export_button.isEnabled, timeout=TIMEOUT)

    def full(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(batch, "open_target", full)
    usb = tmp_path / "usb"
    usb.mkdir()
    prompts.answers["choose_folder"] = usb
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.state_label.isVisibleTo(panel), timeout=TIMEOUT)
    prompts.take("choose_folder")
    assert panel.state_label.text() == str(errors.ExportTargetFullError.message)
    assert "written" not in panel.result_label.text()
    assert "Errno" not in panel.state_label.text()
    assert list(usb.iterdir()) == [] and panel.model.rowCount() == 0
    assert sync_service.sync_status(it_user).last_sequence == 0
