"""Speed and memory measurements (``python -m bench``); not part of the pass/fail test suite."""
