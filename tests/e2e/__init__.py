"""The e2e modules import each other by plain name (they run as scripts from this folder);
importing them as `tests.e2e.<module>` works too because this puts the folder on sys.path."""
import os as _os
import sys as _sys

_HERE = _os.path.dirname(_os.path.abspath(__file__))
if _HERE not in _sys.path:
    _sys.path.insert(0, _HERE)
