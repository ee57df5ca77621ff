import sys

from kshare.cli import main

sys.exit(main())
