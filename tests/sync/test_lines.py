"""Batch lines: the fast encoder writes exactly the bytes of the reference json encoding."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_desktop.sync.batch import encode_line

_REFERENCE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True)

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()  # beyond 64 bits too: orjson refuses those, the fallback writes them
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # any Unicode: orjson writes UTF-8, a line must be \\u-escaped ASCII
)
_TREES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(st.dictionaries(st.text(), _TREES, max_size=6))
def test_every_line_is_the_reference_encoding(body):
    line = encode_line(body)
    assert line == (_REFERENCE.encode(body) + "\n").encode("ascii")
    assert line.isascii() and line.endswith(b"\n") and line.count(b"\n") == 1


def test_the_lines_an_export_writes_and_the_awkward_ones():
    resource = {"resourceType": "Patient", "id": "a" * 32, "extension": [{"valueCode": "LHS"}]}
    assert encode_line(resource) == b'{"resourceType":"Patient","id":"' + b"a" * 32 + (
        b'","extension":[{"valueCode":"LHS"}]}\n'
    )
    assert encode_line({"name": "Nguyễn\u2028"}) == b'{"name":"Nguy\\u1ec5n\\u2028"}\n'
    assert encode_line({"n": 2**70}) == b'{"n":1180591620717411303424}\n'
    assert encode_line({"tab": "a\tb\x00"}) == b'{"tab":"a\\tb\\u0000"}\n'
