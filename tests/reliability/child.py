"""The process the crash tests kill: ``python -m tests.reliability.child``.

Importing SQLAlchemy, Alembic and the services costs over a second, too much to pay fifty
times, so this is a *fork server*: it imports everything once (and switches to the cheap
test KDF, which a child process does not inherit from ``tests/conftest.py``), then reads
one command per line from stdin and forks a worker for each. The worker signs in through
the real services and loops forever, printing one line per operation *after* the service
call returned (so every printed id is an acknowledged commit) and flushing it. The test
kills the worker with SIGKILL; the server reports ``exit <pid> <status>`` and waits for the
next command. Nothing here touches the database outside the services.

Commands (one line, space-separated):

- ``write DATA_DIR STUDENT_ID``: in turn, as ``clinician``: a signed visit, a screening
  (raising a flag), a screening saved in progress at its first flag then completed (two
  commits, one row), an action on the first flag, and an addendum to the last signed visit;
- ``export DATA_DIR STUDENT_ID OUT_DIR``: a visit, then a batch export as ``it``, repeated;
- ``passwd DATA_DIR START``: ``admin`` sets ``clinician``'s password to ``password_for(i)``
  for i = START, START+1, ...;
- ``hold DATA_DIR``: sign in as ``clinician`` and sleep (the single-instance lock test).
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

from clinic_desktop.clock import utc_now
from clinic_desktop.domain.risk_actions import ActionInput
from clinic_desktop.domain.visits import VisitInput
from clinic_desktop.services import flags, screenings, site, sync, visits
from clinic_desktop.store import keyring
from clinic_desktop.store.crypto import KdfParams

TEST_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSWORDS = {"admin": "admin-pass-1234", "clinician": "clinician-pass-1234", "it": "it-pass-123"}
PHQ9 = {f"q{i}": i % 4 for i in range(1, 10)}
ASQ_NO_TO_5 = {"q1": 0, "q2": 0, "q3": 0, "q4": 0, "q5": 0}


def password_for(i: int) -> str:
    """The i-th password the ``passwd`` worker sets (long enough for the account rules)."""
    return f"rotating-pass-{i:06d}"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _visit(i: int) -> VisitInput:
    return VisitInput(
        visit_type="nursing",
        occurred_at=utc_now() - timedelta(minutes=5),
        reason="Headache",
        note=f"crash-test note {i}",
        disposition="returned_to_class",
        duration_minutes=10,
    )


def run_write(data_dir: str, student: str) -> None:
    session = site.sign_in(Path(data_dir), "clinician", PASSWORDS["clinician"])
    student_id = uuid.UUID(student)
    say("ready")
    i = 0
    signed: uuid.UUID | None = None
    flag_id: uuid.UUID | None = None
    while True:
        if i % 5 == 0:
            signed = visits.record_visit(session, student_id, _visit(i), sign=True).id
            say(f"visit {signed}")
        elif i % 5 == 1:
            view = screenings.administer_screening(session, student_id, "phq9", PHQ9)
            flag_id = view.flags[0].id  # item 9 answered: a suicide-risk flag
            say(f"screening {view.id}")
        elif i % 5 == 2:  # on record at the first flag, then completed: two commits, one row
            held = screenings.save_in_progress(session, student_id, "asq", {"q1": 2})
            say(f"screening {held.id}")
            done = screenings.administer_screening(
                session, student_id, "asq", ASQ_NO_TO_5 | {"q1": 2}, screening_id=held.id
            )
            say(f"screening {done.id}")
        elif i % 5 == 3 and flag_id is not None:
            call = ActionInput("guardian_contacted", session.now(), f"Guardian {i}")
            [flag] = flags.record_flag_actions(session, flag_id, [call])
            say(f"flag_action {flag.actions[-1].id}")
        elif signed is not None:
            amended = visits.add_addendum(session, signed, "crash test", f"addendum {i}")
            say(f"addendum {amended.addenda[-1].id}")
        i += 1


def run_export(data_dir: str, student: str, out_dir: str) -> None:
    clinician = site.sign_in(Path(data_dir), "clinician", PASSWORDS["clinician"])
    it = site.sign_in(Path(data_dir), "it", PASSWORDS["it"])
    student_id = uuid.UUID(student)
    say("ready")
    i = 0
    while True:
        say(f"visit {visits.record_visit(clinician, student_id, _visit(i)).id}")
        result = sync.export_batch(it, Path(out_dir))
        say(f"batch {result.sequence} {result.path.name}")
        i += 1


def run_passwd(data_dir: str, start: str) -> None:
    session = site.sign_in(Path(data_dir), "admin", PASSWORDS["admin"])
    say("ready")
    i = int(start)
    while True:
        site.set_password(session, "clinician", password_for(i))
        say(f"set {i}")
        i += 1


def run_hold(data_dir: str) -> None:
    site.sign_in(Path(data_dir), "clinician", PASSWORDS["clinician"])
    say("ready")
    while True:
        time.sleep(60)


WORKERS = {"write": run_write, "export": run_export, "passwd": run_passwd, "hold": run_hold}


def _work(command: list[str]) -> None:
    say(f"pid {os.getpid()}")
    try:
        WORKERS[command[0]](*command[1:])
    except BaseException as exc:  # reported to the test, which fails on it
        say(f"error {type(exc).__name__}: {exc}")
        os._exit(3)
    os._exit(0)


def serve() -> None:
    keyring.DEFAULT_KDF = TEST_KDF
    say("server ready")
    for line in sys.stdin:
        command = line.split()
        if not command:
            continue
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            _work(command)
        _, status = os.waitpid(pid, 0)
        say(f"exit {pid} {status}")


if __name__ == "__main__":
    serve()
