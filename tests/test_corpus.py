"""The corpus builder: licences, duplicates, decontamination, bad sources, reuse."""
import io
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from qblueprint.corpus import (Contaminant, CorpusOptions, Decontaminator, Source, build_corpus, detect_language,
                               detect_licence, licence_allowed, load_corpus, quality_reason)

MIT = """MIT License

Copyright (c) 2024 Someone

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights ..."""
APACHE = """                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/"""
BSD = """Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:"""
BSD3 = BSD + """
3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from"""
ISC = """ISC License

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies."""
UNLICENSE = "This is free and unencumbered software released into the public domain.\n\nAnyone is free to copy"
CC0 = "Creative Commons Legal Code\n\nCC0 1.0 Universal\n\n    CREATIVE COMMONS CORPORATION IS NOT A LAW FIRM"
GPL3 = "                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007"
LGPL = "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1, February 1999"
AGPL = "GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007"
MPL = "Mozilla Public License Version 2.0\n=================================="


@pytest.mark.parametrize("text,expected", [
    (MIT, "MIT"), (APACHE, "Apache-2.0"), (BSD, "BSD-2-Clause"), (BSD3, "BSD-3-Clause"), (ISC, "ISC"),
    (UNLICENSE, "Unlicense"), (CC0, "CC0-1.0"), (GPL3, "GPL-3.0"), (LGPL, "LGPL-2.1"), (AGPL, "AGPL-3.0"),
    (MPL, "MPL-2.0"), ("SPDX-License-Identifier: Apache-2.0\n", "Apache-2.0"), ("mit", "MIT"),
    ("Copyright 2024 ACME. All rights reserved.", "other"), ("", None),
    (MIT.replace("\n", "\r\n").replace('"', "\u201c"), "MIT"),  # line endings and quote styles do not matter
])
def test_licence_detection(text, expected):
    assert detect_licence(text) == expected


def test_allow_list():
    for ok in ("MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Unlicense", "CC0-1.0", "MIT OR GPL-3.0"):
        assert licence_allowed(ok), ok
    for bad in ("GPL-3.0", "AGPL-3.0", "LGPL-2.1", "MPL-2.0", "other", None, ""):
        assert not licence_allowed(bad), bad


def test_language_detection():
    assert detect_language("a/b.q", "x:1") == "q"
    assert detect_language("README.md", "# t\n```q\nx:til 10\n```\n") == "markdown"
    assert detect_language("README.md", "# A Python tool\n\nRun `pip install foo` and `foo --help`.\n") is None
    assert detect_language("lib.py", "x = 1") is None and detect_language("lib.k", "x:1") is None


LIB = "/ list helpers\n" + "".join(f"f{i}:{{[x;y] (x*{i})+y where y>{i}}}\n" for i in range(12))
STATS = "/ stats\nvwap:{[p;s] (sum p*s)%sum s}\nmid:{[b;a] 0.5*b+a}\nspread:{[b;a] a-b}\nret:{[p] 1_ (p%prev p)-1}\n"
SECRET = "secretSum:{[nums;t] j:nums?t-nums; i:first where j<count nums; (i;j i)}"


def repo(root: Path, files: dict, licence: str | None = None) -> Path:
    root.mkdir(parents=True)
    if licence: (root / "LICENSE").write_text(licence)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    return root


def build(sources, tmp_path, items=(), **opts):
    return build_corpus(sources, CorpusOptions(**opts), cache=tmp_path / "cache", items=list(items),
                        log=lambda *_: None)


def outcome(corpus):
    return {f"{r['source']}/{r['path']}": r["reason"] or "kept" for r in corpus.records}


def kept_paths(corpus):
    return sorted(p for split in corpus.dataset.values() for p in split["path"])


def test_exact_and_near_copies_removed(tmp_path):
    src = repo(tmp_path / "r", {"lib.q": LIB, "z_copy.q": "\n" + LIB + "\n\n", "z_near.q": LIB.replace("f11:", "g11:"),
                                "stats.q": STATS}, MIT)
    got = outcome(build([str(src)], tmp_path))
    assert got == {"r/LICENSE": "licence_file", "r/lib.q": "kept", "r/stats.q": "kept",
                   "r/z_copy.q": "exact_duplicate", "r/z_near.q": "near_duplicate"}


def test_copies_across_sources_keep_the_first_source(tmp_path):
    a = repo(tmp_path / "a", {"lib.q": LIB}, MIT)
    b = repo(tmp_path / "b", {"vendored/lib.q": LIB, "stats.q": STATS}, APACHE)
    corpus = build([str(a), str(b)], tmp_path)
    assert outcome(corpus)["b/vendored/lib.q"] == "exact_duplicate"
    assert [r["detail"] for r in corpus.records if r["path"] == "vendored/lib.q"] == ["a/lib.q"]


def test_decontamination_removes_a_planted_test_solution(tmp_path):
    planted = "/ a helper I found\n" + SECRET.replace(";", "; ") + "\nother:{x+1}\n"
    src = repo(tmp_path / "r", {"lib.q": LIB, "planted.q": planted, "stats.q": STATS}, MIT)
    items = [Contaminant("secret_sum:q", SECRET, "q"),
             Contaminant("secret_sum:description", "Return the indices of the two numbers that add up to target.", "words")]
    corpus = build([str(src)], tmp_path, items)
    assert outcome(corpus)["r/planted.q"] == "contaminated"
    assert [r["detail"] for r in corpus.records if r["path"] == "planted.q"] == ["secret_sum:q"]
    assert not any(Decontaminator(items).hit(t) for split in corpus.dataset.values() for t in split["text"])


def test_decontamination_by_description_words(tmp_path):
    doc = "/ Return the indices of the two numbers that add up to target, in order\n" + STATS
    src = repo(tmp_path / "r", {"doc.q": doc, "lib.q": LIB}, MIT)
    items = [Contaminant("p:description", "Return the indices of the two numbers that add up to target.", "words")]
    assert outcome(build([str(src)], tmp_path, items))["r/doc.q"] == "contaminated"


def test_licensed_and_unlicensed_repositories(tmp_path):
    root = tmp_path / "repos"
    repo(root / "licensed", {"src/lib.q": LIB, "src/stats.q": STATS}, MIT)
    repo(root / "unlicensed", {"util.q": "/ utilities\nclamp:{[lo;hi;x] lo|hi&x}\nscale:{[x] x%max abs x}\n"})
    repo(root / "copyleft", {"gpl.q": "/ gpl code\nmyavg:{[x] (sum x)%count x}\nmyvar:{[x] avg x*x}\n"}, GPL3)
    corpus = build([str(root)], tmp_path)
    got = outcome(corpus)
    assert got["repos/licensed/src/lib.q"] == "kept" and got["repos/unlicensed/util.q"] == "unlicensed"
    assert got["repos/copyleft/gpl.q"] == "licence_not_allowed"
    assert corpus.unlicensed == ["repos/unlicensed"]  # reported
    assert {l for split in corpus.dataset.values() for l in split["licence"]} == {"MIT"}
    allowed = build([str(root)], tmp_path, allow_unlicensed=True)
    assert outcome(allowed)["repos/unlicensed/util.q"] == "kept" and allowed.unlicensed == ["repos/unlicensed"]
    assert outcome(allowed)["repos/copyleft/gpl.q"] == "licence_not_allowed"  # allowing unlicensed is not allowing GPL


def test_bad_sources_are_named_and_the_rest_builds(tmp_path):
    good = repo(tmp_path / "good", {"lib.q": LIB, "stats.q": STATS, "latin1.q": "/ caf\xe9\nx:1 2 3\n".encode("latin-1")},
                MIT)
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not a zip")
    (tmp_path / "bad.tar.gz").write_bytes(b"\x1f\x8b not gzip either")
    corpus = build([str(good), str(tmp_path / "bad.zip"), str(tmp_path / "bad.tar.gz"), str(tmp_path / "nowhere")],
                   tmp_path)
    errors = {e.source: str(e) for e in corpus.errors if not e.path}
    assert "bad.zip" in errors["bad.zip"] and "cannot read archive" in errors["bad.zip"]
    assert "bad.tar.gz" in errors["bad.tar.gz"]
    assert "no such directory" in errors["nowhere"] and str(tmp_path / "nowhere") in errors["nowhere"]
    assert [str(e) for e in corpus.errors if e.path] == ["good/latin1.q: not UTF-8 text (invalid continuation byte at byte 5)"]
    assert kept_paths(corpus) == ["lib.q", "stats.q"]
    with pytest.raises(ValueError, match="bad.zip"):  # strict turns the reported errors into a failure
        build_corpus([str(good), str(tmp_path / "bad.zip")], cache=tmp_path / "cache", items=[], strict=True,
                     log=lambda *_: None)


def test_an_empty_corpus_is_an_error_naming_the_sources(tmp_path):
    with pytest.raises(ValueError, match="nowhere"):
        build([str(tmp_path / "nowhere")], tmp_path)


def test_archives_git_checkouts_and_hf_datasets(tmp_path):
    import datasets
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("proj-main/LICENSE", ISC)
        z.writestr("proj-main/lib.q", LIB)
    (tmp_path / "proj.zip").write_bytes(buf.getvalue())
    with tarfile.open(tmp_path / "t.tar.gz", "w:gz") as t:
        for name, text in {"t/LICENSE": BSD3, "t/stats.q": STATS}.items():
            info = tarfile.TarInfo(name); info.size = len(text.encode())
            t.addfile(info, io.BytesIO(text.encode()))
    g = repo(tmp_path / "g", {"tracked.q": "/ tracked\nsq:{x*x}\ncube:{x*x*x}\nhyp:{sqrt sum x*x}\n"}, APACHE)
    subprocess.run(["git", "init", "-q", str(g)], check=True)
    subprocess.run(["git", "-C", str(g), "add", "LICENSE", "tracked.q"], check=True)
    (g / "untracked.q").write_text("/ not tracked\nsecret:{x+1}\nother:{x-1}\nthird:{x*2}\n")
    datasets.Dataset.from_dict({"text": ["/ from a dataset\nwavg:{[w;x] (sum w*x)%sum w}\nnorm:{x%sum x}\n", "hello"]}
                               ).save_to_disk(str(tmp_path / "hfds"))
    corpus = build([str(tmp_path / "proj.zip"), str(tmp_path / "t.tar.gz"), str(g),
                    Source("hf:" + str(tmp_path / "hfds"), name="hfds", licence="CC0-1.0")], tmp_path)
    got = outcome(corpus)
    assert got["proj.zip/proj-main/lib.q"] == "kept" and got["t.tar.gz/t/stats.q"] == "kept"
    assert got["g/tracked.q"] == "kept" and "g/untracked.q" not in got
    assert got["hfds/train[0]"] == "kept" and got["hfds/train[1]"] == "too_short"
    licences = {r["path"]: r["licence"] for r in corpus.records}
    assert licences["proj-main/lib.q"] == "ISC" and licences["t/stats.q"] == "BSD-3-Clause"


def test_quality_filters():
    assert quality_reason("x:1", "q") == "too_short"
    assert quality_reason(LIB, "q") is None
    assert quality_reason("/ Code generated by protoc. DO NOT EDIT.\n" + LIB, "q") == "generated"
    assert quality_reason("a:(1;2\nb:{x\nc:[[[\n" * 5, "q") == "unparseable"
    assert quality_reason("x:" + "1 " * 800 + "\n", "q") == "long_lines"


def test_built_once_then_reused_and_deterministic(tmp_path):
    src = repo(tmp_path / "r", {"lib.q": LIB, "stats.q": STATS, "c.q": "/ clamp and count\nclamp:{[lo;hi;x] lo|hi&x}\nz:til 10\n"}, MIT)
    first = build([str(src)], tmp_path)
    again = build([str(src)], tmp_path)
    assert not first.reused and again.reused and again.path == first.path
    assert list(again.dataset["train"]["text"]) == list(first.dataset["train"]["text"])
    assert len(first.dataset["heldout"]) == 1 and len(first.dataset["train"]) == 2
    (src / "stats.q").write_text(STATS + "more:{x+2}\n")  # changed content: a new corpus
    changed = build([str(src)], tmp_path)
    assert changed.fingerprint != first.fingerprint and not changed.reused
    fresh = build_corpus([str(src)], cache=tmp_path / "other_cache", items=[], log=lambda *_: None)
    assert fresh.fingerprint == changed.fingerprint  # same sources, same corpus, wherever it is built
    assert fresh.records == changed.records and not fresh.reused
    assert {k: list(v["text"]) for k, v in fresh.dataset.items()} == {k: list(v["text"]) for k, v in changed.dataset.items()}
    assert load_corpus(first.path).records == first.records


def test_default_sources_build_from_the_project(tmp_path):
    corpus = build_corpus(cache=tmp_path / "cache", log=lambda *_: None)
    kept = {r["source"] for r in corpus.records if r["kept"]}
    assert {"data/q", "engine"} <= kept
    assert not any(r["source"] == "data/heldout" for r in corpus.records)


def test_a_planted_test_split_solution_from_the_dataset_is_removed(tmp_path):
    from qblueprint.corpus import contamination_items
    from qblueprint.dataset import load_problems
    test = [p for p in load_problems(split="test") if len(p.q) > 80][0]
    items, notes = contamination_items()
    assert not notes and any(i.id == f"{test.id}:q" for i in items)
    planted = f"/ a utility from somewhere\n{test.q.strip()}\n"
    src = repo(tmp_path / "r", {"planted.q": planted, "lib.q": LIB, "stats.q": STATS}, MIT)
    corpus = build_corpus([str(src)], cache=tmp_path / "cache", log=lambda *_: None)  # default items: the test split
    assert outcome(corpus)["r/planted.q"] == "contaminated"
    assert [r["detail"] for r in corpus.records if r["path"] == "planted.q"][0].startswith(test.id + ":")


def test_markdown_with_q_is_kept_whole_or_as_its_code(tmp_path):
    doc = ("# Moving averages in q\n\nA window over a price series, then its average:\n\n```q\nmavg3:{3 mavg x}\n"
           "px:100 101 99 102 104\nmavg3 px\n```\n\nand the running maximum, `maxs px`.\n")
    src = repo(tmp_path / "r", {"docs/mavg.md": doc, "README.md": "# A Python tool\n\nRun `pip install foo`.\n",
                                "lib.q": LIB}, MIT)
    whole = build([str(src)], tmp_path)
    assert outcome(whole)["r/docs/mavg.md"] == "kept" and outcome(whole)["r/README.md"] == "not_q"
    texts = {p: t for split in whole.dataset.values() for p, t in zip(split["path"], split["text"])}
    assert texts["docs/mavg.md"] == doc
    code = build([str(src)], tmp_path, markdown="code")
    texts = {p: t for split in code.dataset.values() for p, t in zip(split["path"], split["text"])}
    assert texts["docs/mavg.md"] == "mavg3:{3 mavg x}\npx:100 101 99 102 104\nmavg3 px\n"
