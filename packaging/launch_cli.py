"""The bundle's console program (``ajfar-desk``): the same commands as the installed console
script (no command: the desktop window)."""

import sys

from ajfar_desk.cli.main import main

sys.exit(main())
