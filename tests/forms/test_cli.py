"""``clinic-admin forms blank``: no site, no password, atomic write, usage errors exit 2."""

import io

import pytest

from clinic_desktop.cli.admin import main
from clinic_desktop.forms import render
from clinic_desktop.forms.texts import Texts
from tests.forms.helpers import all_text


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("kind", ["consent", "release", "referral", "results", "pass"])
def test_writes_a_blank_form(tmp_path, kind):
    out = tmp_path / "form.pdf"
    code, stdout, err = run("forms", "blank", kind, "--lang", "es", "--out", str(out))
    assert code == 0, err
    assert out.read_bytes() == render(kind, lang="es", blank=True)
    assert str(out) in stdout
    assert Texts(kind, "es").plain("title") in all_text(out.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == ["form.pdf"]  # no temp file left


def test_defaults_to_english(tmp_path):
    out = tmp_path / "pass.pdf"
    assert run("forms", "blank", "pass", "--out", str(out))[0] == 0
    assert Texts("pass", "en").plain("title") in all_text(out.read_bytes())


@pytest.mark.parametrize(
    "argv",
    [
        ("forms", "blank", "invoice", "--out", "x.pdf"),
        ("forms", "blank", "packet", "--out", "x.pdf"),
        ("forms", "blank", "consent", "--lang", "fr", "--out", "x.pdf"),
        ("forms", "blank", "consent"),
    ],
)
def test_usage_errors_exit_2(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(*argv)
    assert code == 2 and "usage" in capsys.readouterr().err  # argparse writes to sys.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_destination_is_refused_with_exit_1(tmp_path):
    code, _, err = run("forms", "blank", "consent", "--out", str(tmp_path / "no" / "x.pdf"))
    assert code == 1 and "Could not write" in err
