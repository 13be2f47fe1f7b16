"""Where the program's bundled resources and the user's data live."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "AjfarDesk"


@cache
def resources_dir() -> Path:
    """The bundled ``resources`` folder: inside the wheel, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent.parent / "resources"):
        if (candidate / "associations").is_dir():
            return candidate
    raise FileNotFoundError("Ajfar Desk resources folder is missing from the installation")


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
