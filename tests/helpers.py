"""Pieces several test modules share: training interruptions, and a loopback JSON reply."""
import json

from transformers import TrainerCallback


class Interrupt(Exception):
    pass


class StopAt(TrainerCallback):
    "Interrupts training after `step`, as a crash or a killed job would."
    def __init__(self, step): self.step = step
    def on_step_end(self, args, state, control, **kw):
        if state.global_step == self.step: raise Interrupt(f"interrupted after step {self.step}")


class Steps(TrainerCallback):
    "Records each step as it begins, to show which steps a resumed run repeats."
    def __init__(self): self.begun = []
    def on_step_begin(self, args, state, control, **kw): self.begun.append(state.global_step + 1)


def send_json(handler, value, status=200):
    "Answer an http.server request with `value` as JSON."
    data = json.dumps(value).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)
