"""Bundle entry point of the desktop app (``clinic-desktop``, also ``--self-test``)."""

import sys

from clinic_desktop.cli.desktop import main

sys.exit(main())
