"""The keyword table: name -> (python function, rank), filled by the keyword modules as they load;
the session binds every entry as a global before running keywords.q."""
REGISTRY = {}


def kw(name, rank=1):
    def deco(fn):
        REGISTRY[name] = (fn, rank)
        return fn
    return deco
