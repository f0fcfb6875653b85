"""``clinic-admin partners import`` and ``partners list``: output, --json and exit codes."""

import json

from tests.test_cli_admin import as_user, run

HEADER = "name,kind,services,languages,min_age,max_age,accepts_medicaid,phone"
GOOD = [
    "Eastside Counseling,cmh,Individual therapy;Family therapy,English;Spanish,5,21,yes,"
    "(415) 555-0100",
    "Valley Health Center,FQHC,Primary care,English;Vietnamese,,,no,",
]


def write_csv(tmp_path, *lines, name="partners.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines, ""]), encoding="utf-8")
    return str(path)


def test_import_then_list_as_json(site, tmp_path):
    code, out, err = as_user(
        site, "admin", "partners", "import", write_csv(tmp_path, *GOOD), "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": [],
        "to_confirm": [],
    }
    code, out, err = as_user(site, "clinician", "partners", "list", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert [p["name"] for p in listed] == ["Eastside Counseling", "Valley Health Center"]
    assert listed[0]["kind"] == "community_mental_health" and listed[0]["min_age"] == 5
    assert listed[0]["languages"] == ["English", "Spanish"]


def test_list_filters_and_text_table(site, tmp_path):
    as_user(site, "admin", "partners", "import", write_csv(tmp_path, *GOOD))
    code, out, _ = as_user(site, "nurse", "partners", "list", "--language", "vietnamese")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("name") and len(lines) == 2
    assert lines[1].startswith("Valley Health Center") and "health_center" in lines[1]
    code, out, _ = as_user(site, "nurse", "partners", "list", "--age", "22", "--json")
    assert [p["name"] for p in json.loads(out)] == ["Valley Health Center"]


def test_rejected_rows_exit_1_with_line_numbers(site, tmp_path):
    path = write_csv(tmp_path, GOOD[0], ",other", "Dr. Who,dentist", GOOD[1])
    code, out, err = as_user(site, "admin", "partners", "import", path)
    assert code == 1, err
    assert out.splitlines() == [
        "2 added, 0 updated, 0 unchanged, 2 rejected",
        "  line 3: name is required",
        "  line 4: kind is not one of: community_mental_health, health_center, "
        "community_organization, crisis_service, hospital, other",
    ]
    # Re-importing the good rows updates by name and never duplicates.
    code, out, _ = as_user(
        site, "admin", "partners", "import", write_csv(tmp_path, *GOOD, name="again.csv"), "--json"
    )
    assert code == 0 and json.loads(out)["unchanged"] == 2
    assert len(json.loads(as_user(site, "admin", "partners", "list", "--json")[1])) == 2


def test_refusals_and_usage_errors(site, tmp_path):
    path = write_csv(tmp_path, *GOOD)
    code, out, err = as_user(site, "it", "partners", "import", path)
    assert (code, out) == (1, "") and "does not allow" in err
    code, _, err = as_user(site, "it", "partners", "list")
    assert code == 1 and "does not allow" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("services\nx\n", encoding="utf-8")
    code, _, err = as_user(site, "admin", "partners", "import", str(bad))
    assert code == 1 and "missing column(s): name, kind" in err
    assert run(["partners", "import"])[0] == 2
    assert run(["partners", "list", "--age", "old", "--user", "admin"])[0] == 2
    assert run(["partners"])[0] == 2
