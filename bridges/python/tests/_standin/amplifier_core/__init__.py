"""A stand-in for ``amplifier_core``, used only by this package's tests when the real kernel is
not importable. Same module and class names as the fields listed in the project's notes on the
Python host (amplifier-core 1.6.0); written for these tests, not copied from amplifier-core.
"""

__version__ = "0.0.0-standin"
STANDIN = True
