"""The bundle's windowed program (``ajfar-desk-gui``): the desktop window, or a command given to
it; the same entry point as the installed ``ajfar-desk`` console script."""

import sys

from ajfar_desk.cli.main import main

sys.exit(main())
