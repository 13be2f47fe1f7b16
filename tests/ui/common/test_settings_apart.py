"""The suite keeps the program's settings (last folders, splitters) in a folder of its own run,
never in the user's (a trial found the Save-as dialog opening in a folder the suite had left)."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings


def test_the_settings_file_is_the_runs_own(app):
    home = os.environ["AJFAR_TEST_CONFIG_HOME"]
    assert os.environ["XDG_CONFIG_HOME"] == home
    assert QSettings().fileName().startswith(home + os.sep)
