"""Bundle entry point of the sync command line (``clinic-sync``)."""

import sys

from clinic_desktop.cli.sync import main

sys.exit(main())
