"""SIGKILL at random moments, then reopen: nothing acknowledged is lost, nothing is damaged.

A worker process (``tests/reliability/child.py``) writes through the real services and
prints an id only *after* the service call returned. The test kills it with SIGKILL at a
random moment, reopens the site and checks ``PRAGMA integrity_check``, SQLCipher's
``cipher_integrity_check`` (every page's HMAC), the audit hash chain, and that every
acknowledged commit is present. Delays come from a seeded RNG; the seed is in the test id.

SIGKILL is a process crash, not a power cut: the OS still writes out what the process had
handed to it. Power loss is covered by ``synchronous=FULL`` and fsync-before-rename, which
these tests cannot observe.
"""

from __future__ import annotations

import itertools
import json

import pytest
from sqlalchemy import select

from clinic_desktop import errors
from clinic_desktop.services import backup
from clinic_desktop.services import site as site_service
from clinic_desktop.services import sync as sync_service
from clinic_desktop.store import audit
from clinic_desktop.store.keyring import Keyring
from clinic_desktop.store.models import FlagAction, Screening, SyncBatch, Visit, VisitAddendum
from clinic_desktop.sync import keys
from clinic_desktop.sync.verify import read_batch
from tests.conftest import PASSWORDS
from tests.factories import accept_profile
from tests.reliability.child import password_for
from tests.reliability.harness import random_delays
from tests.sync.helpers import District, decrypt, lines_of

SEED = 20261123
#: Full mode: ``make reliability`` selects these; ``make test`` deselects them (pyproject).
FULL = [pytest.mark.slow, pytest.mark.reliability_full]


def assert_site_sound(site, acked: dict[str, set[str]]) -> None:
    """Integrity, page HMACs, audit chain, and every acknowledged id present."""
    with site.sign_in("admin") as session:
        conn = session.store.raw_connection()
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        finally:
            conn.close()
        with session.read() as db:
            report = audit.verify(db)
            assert report.ok, report
            present = {
                "visit": {str(i) for i in db.scalars(select(Visit.id))},
                "screening": {str(i) for i in db.scalars(select(Screening.id))},
                "addendum": {str(i) for i in db.scalars(select(VisitAddendum.id))},
                "flag_action": {str(i) for i in db.scalars(select(FlagAction.id))},
            }
    for kind, ids in acked.items():
        missing = ids - present[kind]
        assert not missing, f"{len(missing)} acknowledged {kind}(s) lost"


@pytest.mark.parametrize("kills", [5, pytest.param(50, marks=FULL)])
def test_visits_and_screenings_survive_sigkill(server, site, student_id, kills):
    acked: dict[str, set[str]] = {
        "visit": set(),
        "screening": set(),
        "addendum": set(),
        "flag_action": set(),
    }
    for delay in random_delays(SEED + kills, kills):
        run = server.start("write", site.data_dir, student_id)
        # The clock starts at the first commit: on a loaded machine a plain delay after
        # start-up can expire before any write, and the kill would test nothing.
        run = server.kill_after(run, delay, after_acks=1)
        for kind in acked:
            acked[kind].update(run.acked(kind))
        assert_site_sound(site, acked)
    assert sum(len(ids) for ids in acked.values()) >= kills  # every run wrote before its kill


# --- export ---------------------------------------------------------------------------


@pytest.fixture
def district(tmp_path) -> District:
    folder = tmp_path / "district"
    keys.generate_district_keys(folder, "Riverside Unified")
    trust = tmp_path / "trust"
    trust.mkdir()
    return District(folder, trust)


@pytest.mark.parametrize("kills", [3, pytest.param(15, marks=FULL)])
def test_export_killed_mid_write_leaves_no_partial_batch_and_loses_nothing(
    server, site, student_id, district, tmp_path, kills
):
    with site.sign_in("it") as it:
        result = sync_service.provision(it, district.provisioning)
        accept_profile(it)
    (district.trust / f"{result.site_code}.pub").write_bytes(result.site_key_file)
    out = tmp_path / "usb"
    out.mkdir()
    acked_visits: set[str] = set()
    for delay in random_delays(SEED + kills, kills, high=0.6):
        run = server.kill_after(server.start("export", site.data_dir, student_id, out), delay)
        acked_visits.update(run.acked("visit"))
        for name in _visible(out):  # every visible batch is whole and verifies
            read_batch(out / name, district.identity(), district.trust_store())
    with site.sign_in("it") as it:
        sync_service.export_batch(it, out)
        with it.read() as db:
            batches = db.execute(
                select(
                    SyncBatch.sequence,
                    SyncBatch.watermark_from,
                    SyncBatch.watermark_to,
                    SyncBatch.file_name,
                ).order_by(SyncBatch.sequence)
            ).all()
            visit_count = len(db.scalars(select(Visit.id)).all())
    assert len(batches) > 1
    assert [b.sequence for b in batches] == list(range(1, len(batches) + 1))
    for before, after in itertools.pairwise(batches):
        assert after.watermark_from == before.watermark_to  # no gap, no overlap
    assert _visible(out) == {b.file_name for b in batches}
    encounters = [
        json.loads(line)["id"]
        for b in batches
        for line in lines_of(decrypt(district, out / b.file_name), "Encounter")
    ]
    assert len(encounters) == len(set(encounters)) == visit_count >= len(acked_visits)


def _visible(folder) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


# --- key slot change -----------------------------------------------------------------


def _opens(site, password: str) -> bool:
    """Whether ``password`` opens clinician's slot (in memory: no lockout counters saved)."""
    try:
        Keyring.load(site.data_dir / "keyring.json").unlock_user(
            "clinician", password, site.clock()
        )
    except errors.WrongPasswordError:
        return False
    return True


@pytest.mark.parametrize("kills", [3, pytest.param(15, marks=FULL)])
def test_password_change_killed_mid_write_leaves_old_or_new_never_neither(server, site, kills):
    known, start = PASSWORDS["clinician"], 0
    for delay in random_delays(SEED + kills, kills, high=0.4):
        run = server.kill_after(server.start("passwd", site.data_dir, start), delay)
        done = [int(i) for i in run.acked("set")]
        last = password_for(done[-1]) if done else known
        in_flight = password_for(done[-1] + 1 if done else start)
        works = [p for p in (last, in_flight) if _opens(site, p)]
        assert len(works) == 1, f"after kill: old works={_opens(site, last)}"
        known = works[0]
        start = (done[-1] if done else start - 1) + 2  # never reuse an index once tried
        with site_service.sign_in(site.data_dir, "clinician", known, clock=site.clock):
            pass  # the slot that works opens the database too
    assert_site_sound(site, {})


# --- a second program on the same folder ------------------------------------------------


def test_second_program_is_refused_with_a_clear_message_until_the_first_dies(
    server, site, tmp_path
):
    with site.sign_in("it") as it:
        info = backup.backup_now(it, tmp_path / "usb")
    run = server.start("hold", site.data_dir)
    try:
        with pytest.raises(errors.StoreLockedError, match="already open in another window"):
            site.sign_in("admin")
        with pytest.raises(errors.StoreLockedError):
            backup.restore_backup(info.path, site.data_dir, recovery_key=site.recovery_key)
    finally:
        server.kill_after(run, 0)
    with site.sign_in("admin"):  # the OS dropped the lock with the killed process
        pass
