import sys

from .repl import main

sys.exit(main(sys.argv[1:]))
