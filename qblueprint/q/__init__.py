"""An embedded, licence-free q interpreter: `Session().console("til 3")`."""
from .base.errors import QError
from .base.values import (Atom, Vec, QList, Dict, Table, from_py, from_items, char_vec, sym_vec,
                     QValue)
from .front.session import Session

__all__ = ["Session", "QError", "Atom", "Vec", "QList", "Dict", "Table", "QValue", "from_py",
           "from_items", "char_vec", "sym_vec"]
