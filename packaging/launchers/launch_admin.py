"""Bundle entry point of the IT command line (``clinic-admin``)."""

import sys

from clinic_desktop.cli.admin import main

sys.exit(main())
