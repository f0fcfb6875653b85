"""Fixtures for sync: a district key pair with a trust folder, and a provisioned site."""

from __future__ import annotations

import pytest

from clinic_desktop.services import sync as sync_service
from clinic_desktop.sync import keys
from tests.factories import accept_profile
from tests.sync.helpers import District


@pytest.fixture
def district(tmp_path) -> District:
    folder = tmp_path / "district"
    keys.generate_district_keys(folder, "Riverside Unified")
    trust = tmp_path / "trust"
    trust.mkdir()
    return District(folder, trust)


def provision(
    session, district: District, admin_password: str = ""
) -> sync_service.ProvisionResult:
    """Provision the signed-in site, have its administrator accept the export profile, and
    trust the site's key at the district."""
    result = sync_service.provision(session, district.provisioning)
    accept_profile(session, admin_password)
    (district.trust / f"{result.site_code}.pub").write_bytes(result.site_key_file)
    return result


@pytest.fixture
def provisioned(site, district, it_user):
    """The ``site`` fixture, provisioned for ``district``; yields the IT session."""
    provision(it_user, district)
    return it_user
