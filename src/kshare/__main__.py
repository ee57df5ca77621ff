from kshare.cli import run

run()
