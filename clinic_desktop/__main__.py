"""``python -m clinic_desktop``: start the desktop app."""

import sys

from clinic_desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
