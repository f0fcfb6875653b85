"""Progress from a background task reaches the GUI thread, in order, before the result."""

import threading

from clinic_desktop.ui import operations
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import roster as roster_ops

HEADER = "district_id,first_name,last_name,date_of_birth,school_code\n"


def _counting(total: int):
    def task(report):
        for done in range(1, total + 1):
            report(done, total)
        return "finished"

    return task


def test_progress_arrives_on_the_gui_thread_in_order_before_the_result(qtbot):
    gui = threading.get_ident()
    events = []
    op = (
        Operation(None, _counting(5), reports_progress=True)
        .progress(lambda done, total: events.append((done, total, threading.get_ident())))
        .success(events.append)
    )
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert events[:-1] == [(n, 5, gui) for n in range(1, 6)]
    assert events[-1] == "finished"
    assert operations.running_count() == 0


def test_many_small_steps_are_thinned_but_the_last_always_arrives(qtbot):
    seen = []
    op = Operation(None, _counting(100_000), reports_progress=True)
    op.progressed.connect(lambda done, total: seen.append(done))
    with qtbot.waitSignal(op.finished, timeout=10000):
        op.run_in_background()
    assert len(seen) <= 202
    assert seen == sorted(seen)
    assert seen[0] == 1
    assert seen[-1] == 100_000


def test_a_task_without_progress_is_still_called_without_arguments(qtbot):
    op = Operation(None, lambda: 42)
    with qtbot.waitSignal(op.succeeded, timeout=5000) as result:
        op.run_in_background()
    assert result.args == [42]


def test_progress_is_dropped_once_the_owner_is_gone(qtbot):
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    seen = []
    gate = threading.Event()

    def task(report):
        gate.wait(5)
        report(1, 1)

    op = Operation(owner, task, reports_progress=True).progress(lambda *step: seen.append(step))
    op.run_in_background()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _valid(owner))
    with qtbot.waitSignal(op.finished, timeout=5000):
        gate.set()
    assert seen == []


def test_the_roster_import_operation_reports_the_rows_written(qtbot, clinician, tmp_path):
    rows = "".join(f"D{n},Ana,Lopez{n},2010-01-01,LHS\n" for n in range(1, 1008))
    path = tmp_path / "roster.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    steps = []
    op = roster_ops.import_roster_file(
        parent=None, session=clinician, path=path, add_schools=["LHS"]
    )
    op.progress(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(op.succeeded, timeout=10000) as result:
        op.run_in_background()
    assert steps == [(500, 1007), (1000, 1007), (1007, 1007)]
    assert result.args[0].created == 1007


def _valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
