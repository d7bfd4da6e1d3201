import sys

from vakr.cli import main

sys.exit(main())
