"""``python -m logicmodel``: see ``logicmodel.cli.main``."""

import sys

from logicmodel.cli.main import main

sys.exit(main())
