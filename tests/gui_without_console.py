"""Start the desktop program as a windowed build does: no console, so ``sys.stdout`` and
``sys.stderr`` are ``None`` before anything runs.  Arguments are the program's own.

    python tests/gui_without_console.py --data-dir DIR

Used by tests/ui/shell/test_start_without_console.py (in a subprocess with offscreen Qt)."""

import sys

sys.stdout = None
sys.stderr = None

from ajfar_desk.cli.main import gui_main  # noqa: E402

sys.exit(gui_main())
