"""Messages are data: the plain-Python layers never build a user-visible sentence from
pieces, so the UI can translate every one (``clinic_desktop.messages``)."""

import ast
import builtins
import pickle
from datetime import date
from pathlib import Path

import pytest

from clinic_desktop import errors
from clinic_desktop.messages import Localized, Message, Verbatim, as_message, join, msg

PACKAGE = Path(__file__).resolve().parents[1] / "clinic_desktop"
#: Where the messages the UI shows are written.
MESSAGE_LAYERS = ("errors.py", "domain", "services", "store", "sync", "forms")
#: Python's own exceptions carry developer text (a bug's), never a user's message.
_BUILTIN_ERRORS = {n for n in dir(builtins) if n.endswith(("Error", "Exception"))}


def _sources() -> list[Path]:
    found = []
    for layer in MESSAGE_LAYERS:
        path = PACKAGE / layer
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return found


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _message_arguments(call: ast.Call) -> list[ast.expr]:
    """The arguments of ``call`` that are a message: a template, a reason, an error text."""
    name = _name(call.func)
    keywords = {k.arg: k.value for k in call.keywords}
    if name in ("msg", "Message"):
        return call.args[:1]
    if name == "FieldError":
        return [*call.args[1:2], *([keywords["reason"]] if "reason" in keywords else [])]
    if name.endswith("Error") and name not in _BUILTIN_ERRORS:
        return [*call.args, *([keywords["message"]] if "message" in keywords else [])]
    return []


def _built(node: ast.expr) -> bool:
    """An f-string, a concatenation, ``%`` or ``.format``: a sentence made from pieces."""
    if isinstance(node, ast.IfExp):
        return _built(node.body) or _built(node.orelse)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return True
    return isinstance(node, ast.Call) and _name(node.func) == "format"


def _offences(source: str) -> list[str]:
    offences = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for argument in _message_arguments(node):
                if _built(argument):
                    offences.append(f"{node.lineno}: {ast.unparse(argument)[:80]}")
    return offences


def test_no_layer_builds_a_message_from_pieces():
    offences = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in _sources()
        for line in _offences(path.read_text(encoding="utf-8"))
    ]
    assert offences == [], "use msg(template, **params) instead"


@pytest.mark.parametrize(
    "code",
    [
        'raise ConflictError(f"A user named {name} already exists.")',
        'FieldError("name", "is " + reason)',
        'FieldError("name", reason="at most {n}".format(n=3))',
        'msg(f"Wait {seconds} seconds.")',
        'BatchRejectedError("missing", "%s does not exist." % name)',
    ],
)
def test_the_scan_sees_each_way_of_building_a_sentence(code):
    assert _offences(code)


def test_the_scan_accepts_templates_and_developer_errors():
    code = (
        'raise ConflictError(msg("A user named {name} already exists.", name=name))\n'
        'FieldError(f"{prefix}name", "is required")\n'
        'raise ValueError(f"unknown kind {kind!r}")\n'
    )
    assert _offences(code) == []


def test_a_message_is_its_english_sentence_and_keeps_its_data():
    day = date(2026, 10, 14)
    message = msg("{subject} expired on {expires_on}.", subject=msg("The consent"), expires_on=day)
    assert message == "The consent expired on 2026-10-14."
    assert message.template == "{subject} expired on {expires_on}."
    assert message.params["expires_on"] == day
    assert pickle.loads(pickle.dumps(message)).params == message.params
    with pytest.raises(AttributeError):
        message.template = "changed"  # type: ignore[misc]


def test_braces_in_a_value_are_data_not_placeholders():
    assert msg("{name} does not exist.", name="{path}") == "{path} does not exist."


def test_join_keeps_each_part_a_message_of_its_own():
    joined = join([msg("is required"), msg("at most {n}", n=3)], "; ")
    assert joined == "is required; at most 3"
    assert set(joined.params) == {"part0", "part1"}
    assert joined.params["part1"].template == "at most {n}"


def test_localized_and_verbatim_texts():
    flag = Localized({"en": "Positive screen", "es": "Detección positiva"})
    assert (flag, flag.text("es"), flag.text("fr")) == (
        "Positive screen",
        "Detección positiva",
        "Positive screen",
    )
    assert as_message(flag) is flag
    assert type(as_message(Verbatim("typed"))) is Verbatim  # never becomes a template
    assert as_message("is required").template == "is required"


def test_errors_carry_message_data():
    waiting = errors.TooManyAttemptsError(29.6)
    assert waiting.message.template.startswith("Too many failed attempts. Wait {wait_seconds}")
    assert waiting.message.params == {"wait_seconds": 30}
    assert str(waiting) == "Too many failed attempts. Wait 30 seconds and try again."
    assert isinstance(errors.DiskFullError().message, Message)


def test_a_validation_error_lists_fields_one_per_line():
    refused = errors.ValidationError(
        [errors.FieldError("name", "is required"), errors.FieldError("grade", "must be 6 to 12")]
    )
    assert str(refused) == "name: is required\ngrade: must be 6 to 12"
    assert refused.for_field("grade").template == "must be 6 to 12"
    assert str(errors.ValidationError([])) == "Invalid input."
