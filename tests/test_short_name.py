"""The status bar names the person at the desk by first and family name (``people.short_name``)."""

import pytest

from ajfar_desk.domain.people import short_name


@pytest.mark.parametrize(("full", "short"), [
    ("عبدالرحمن عبدالمحسن عبدالعزيز آل عبداللطيف الشمراني", "عبدالرحمن الشمراني"),
    ("نورة بنت عبدالمحسن بن عبدالعزيز آل عبداللطيف", "نورة آل عبداللطيف"),
    ("محمد عبدالله أبو زيد", "محمد أبو زيد"),
    ("سعاد الحربي", "سعاد الحربي"),
    ("admin", "admin"),
    ("  Noura   Al Saud ", "Noura Al Saud"),
    ("", ""),
])
def test_first_and_family_name(full, short):
    assert short_name(full) == short
