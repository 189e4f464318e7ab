#!/usr/bin/env bash
# The two ways into the project, each from a fresh clone:
#   ./run.sh study [qblueprint study options]   set up, then run the scaling study (default: the tiny scale)
#   ./run.sh test                               set up, then run every check CI runs
# Set-up makes .venv (or $QBLUEPRINT_VENV) with the CPU build of torch and the package with its dev extras; it is
# skipped when that environment is already installed for this checkout's settings.ini and setup.py.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
venv=${QBLUEPRINT_VENV:-$root/.venv}
python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3

setup() {
    local stamp="$venv/.qblueprint-installed" want
    want=$(cat settings.ini setup.py | sha256sum | cut -c1-16)
    if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then return; fi
    echo "setup: installing into $venv (torch 2.13.0 CPU build, qblueprint[dev]); log in $venv/setup.log ..."
    [[ -x $venv/bin/python ]] || "$python" -m venv "$venv"
    local pip=("$venv/bin/python" -m pip install --quiet)
    {
        "${pip[@]}" --upgrade pip &&
        # torch first and pinned: an unpinned torch would pull a multi-GB CUDA build
        "${pip[@]}" "torch==2.13.0" &&
        "${pip[@]}" -e ".[dev]"
    } > "$venv/setup.log" 2>&1 || { tail -n 40 "$venv/setup.log" >&2; echo "setup: failed (log: $venv/setup.log)" >&2; exit 1; }
    echo "$want" > "$stamp"
    echo "setup: done"
}

case "${1:-}" in
  study)
    shift
    setup
    exec "$venv/bin/qblueprint" study "$@"
    ;;
  test)
    shift
    setup
    export PATH="$venv/bin:$PATH"
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    echo "test: nbdev_clean and nbdev_export leave the tree unchanged"
    tree_state() { git status --porcelain; git diff | sha256sum; }
    before=$(tree_state)
    nbdev_clean
    nbdev_export
    after=$(tree_state)
    if [[ "$before" != "$after" ]]; then
        echo "nbdev_clean/nbdev_export changed the tree: clean and export the notebooks, and commit the result" >&2
        diff <(echo "$before") <(echo "$after") >&2 || true
        git --no-pager diff --stat >&2
        exit 1
    fi
    echo "test: README.md is nbs/index.ipynb rendered"
    python .ci/readme.py --check
    echo "test: every shipped problem verifies on the embedded q interpreter"
    qblueprint dataset verify
    echo "test: pytest"
    rc=0; python -m pytest tests -q -p no:cacheprovider "$@" || rc=$?
    # exit code 5 means pytest collected no tests: that is a failure here, not a pass
    if [[ $rc -ne 0 ]]; then echo "pytest failed (exit $rc)" >&2; exit "$rc"; fi
    echo "test: nbdev_test (notebooks at the tiny scale, outputs in a scratch folder)"
    QBLUEPRINT_REPORTS="$scratch/reports" QBLUEPRINT_CACHE="$scratch/cache" nbdev_test --timing
    ;;
  *)
    echo "usage: ./run.sh study [options]   set up and run the scaling study (see: ./run.sh study --help)" >&2
    echo "       ./run.sh test              set up and run the tests" >&2
    exit 2
    ;;
esac
