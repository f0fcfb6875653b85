"""The export reader's id conversion: stored hex text to the canonical UUID text."""

import uuid

from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.sync import source


@given(st.uuids())
def test_stored_hex_becomes_the_text_of_the_uuid(row: uuid.UUID):
    """Record ids hash ``str(uuid)``; the reader builds that text from the stored hex
    without a ``uuid.UUID`` object, and must match it for every id, in either case."""
    assert source._row_id(row.hex) == str(row)
    assert source._row_id(row.hex.upper()) == str(row)


def test_a_missing_optional_id_stays_missing():
    row = uuid.uuid4()
    assert source._optional_row_id(None) is None
    assert source._optional_row_id(row.hex) == str(row)
