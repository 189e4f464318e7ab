"""qblueprint: a notebook-driven blueprint for specialising LLMs to q.

Kept light on purpose: the q engine (`qblueprint.q`) is imported in worker processes, so nothing here may import
torch, transformers or the stage modules.
"""
__version__ = "0.0.1"
