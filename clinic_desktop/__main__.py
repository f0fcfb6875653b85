"""``python -m clinic_desktop``: start the desktop app.

Through ``cli.desktop``, which answers ``--version``, ``--help`` and usage errors without
importing Qt or the store, and imports the app only to start it.
"""

import sys

from clinic_desktop.cli.desktop import main

if __name__ == "__main__":
    sys.exit(main())
