"""Fixtures for the crash tests: one fork server per module, and a site with a student."""

from __future__ import annotations

import pytest

from clinic_desktop.services import students
from tests import factories
from tests.reliability.harness import ForkServer


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    forks = ForkServer(tmp_path_factory.mktemp("fork-server"))
    yield forks
    forks.close()


@pytest.fixture
def student_id(site):
    """One student to hang visits on (the session is closed: workers need the lock)."""
    with site.sign_in("clinician") as session:
        return students.create_student(session, factories.student()).id
