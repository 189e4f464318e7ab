import sys

from .front.repl import main

sys.exit(main(sys.argv[1:]))
