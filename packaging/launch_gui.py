"""The bundle's windowed program (``ajfar-desk-gui``): the desktop window, or a command given to
it; the same entry point as the installed ``ajfar-desk-gui`` (its log file set up first)."""

import sys

from ajfar_desk.cli.main import gui_main

sys.exit(gui_main())
