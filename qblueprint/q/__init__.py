"""An embedded, licence-free q interpreter: `Session().console("til 3")`."""
from .errors import QError
from .values import (Atom, Vec, QList, Dict, Table, from_py, from_items, char_vec, sym_vec,
                     QValue)
from .session import Session

__all__ = ["Session", "QError", "Atom", "Vec", "QList", "Dict", "Table", "QValue", "from_py",
           "from_items", "char_vec", "sym_vec"]
