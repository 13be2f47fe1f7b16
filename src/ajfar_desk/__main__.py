"""``python -m ajfar_desk``: the same as the ``ajfar-desk`` command."""

import sys

from .cli.main import main

sys.exit(main())
