"""``python -m logicmodel``: see ``logicmodel.cli``."""

import sys

from logicmodel.cli import main

sys.exit(main())
