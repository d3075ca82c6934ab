"""The repository explains itself: every relative link in its Markdown leads to a file (and, for a
Markdown file, a heading) inside the repository. External links (with a scheme) are not followed."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.unit

REPOSITORY = Path(__file__).resolve().parents[2]

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_INLINE_CODE = re.compile(r"`+[^`]*`+")
_INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _prose_lines(text: str) -> Iterable[str]:
    """The lines outside fenced code blocks: a link shown as code is not a link."""
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield line


def link_targets(text: str) -> list[str]:
    """The targets of inline links, images and reference definitions, outside code."""
    targets: list[str] = []
    for line in _prose_lines(text):
        definition = _REFERENCE_DEFINITION.match(line)
        if definition:
            targets.append(definition.group(1))
            continue
        targets.extend(_INLINE_LINK.findall(_INLINE_CODE.sub(lambda m: "x" * len(m.group()), line)))
    return targets


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: link text kept, lower case, punctuation dropped, spaces as '-'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def heading_anchors(text: str) -> set[str]:
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for line in _prose_lines(text):
        heading = _HEADING.match(line)
        if heading:
            base = _slug(heading.group(1))
            count = seen.get(base, 0)
            anchors.add(base if count == 0 else f"{base}-{count}")
            seen[base] = count + 1
    return anchors


def broken_links(root: Path, files: Iterable[str]) -> list[str]:
    """``file: target (why)`` for each relative link of the Markdown ``files`` that does not resolve."""
    root = root.resolve()
    present = set(files)
    directories = {parent.as_posix() for name in present for parent in Path(name).parents}
    problems: list[str] = []
    for name in sorted(n for n in present if n.endswith(".md")):
        source = root / name
        for target in link_targets(source.read_text(encoding="utf-8")):
            if not target or _SCHEME.match(target):
                continue
            path_part, _, anchor = unquote(target.split("?", 1)[0]).partition("#")
            if path_part.startswith("/"):
                problems.append(f"{name}: {target} (absolute path; link relative to the file)")
                continue
            resolved = (source.parent / path_part).resolve() if path_part else source
            if not resolved.is_relative_to(root):
                problems.append(f"{name}: {target} (leaves the repository)")
                continue
            relative = resolved.relative_to(root).as_posix()
            if relative not in present and relative not in directories:
                problems.append(f"{name}: {target} (no such file in the repository)")
                continue
            if anchor and relative.endswith(".md") and relative in present:
                if anchor not in heading_anchors(resolved.read_text(encoding="utf-8")):
                    problems.append(f"{name}: {target} (no heading with anchor #{anchor})")
    return problems


def repository_files(root: Path) -> list[str]:
    """Files tracked by git, and new ones not ignored (so a page is checked before its first commit)."""
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return [name for name in listing.stdout.decode().split("\0") if name and (root / name).is_file()]


def test_every_relative_link_in_the_repository_resolves_inside_it() -> None:
    files = repository_files(REPOSITORY)
    assert "README.md" in files and "docs/README.md" in files
    assert broken_links(REPOSITORY, files) == []


def test_the_check_finds_missing_files_escaping_links_and_missing_anchors(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\n## Running it\n", encoding="utf-8")
    (tmp_path / "README.md").write_text(
        "\n".join(
            [
                "[guide](docs/guide.md) and [a section](docs/guide.md#running-it), [the docs](docs/)",
                "[outside](../elsewhere/notes.md) and [gone](docs/missing.md) and [nowhere](docs/guide.md#stopping)",
                "[root](/docs/guide.md) and [web](https://example.org/x.md) and `[code](not/a/link.md)`",
                "```",
                "[in a fence](fenced/away.md)",
                "```",
                "[ref]: docs/absent.md",
            ]
        ),
        encoding="utf-8",
    )

    problems = broken_links(tmp_path, ["README.md", "docs/guide.md"])

    assert problems == [
        "README.md: ../elsewhere/notes.md (leaves the repository)",
        "README.md: docs/missing.md (no such file in the repository)",
        "README.md: docs/guide.md#stopping (no heading with anchor #stopping)",
        "README.md: /docs/guide.md (absolute path; link relative to the file)",
        "README.md: docs/absent.md (no such file in the repository)",
    ]


def test_heading_anchors_follow_github() -> None:
    text = (
        "## Alerts (`deploy/prometheus/alerts.yml`)\n"
        "## Single sign-on (a province's own OIDC issuer)\n"
        "```\n## not a heading\n```\n"
        "## Alerts (`deploy/prometheus/alerts.yml`)\n"
    )
    assert heading_anchors(text) == {
        "alerts-deployprometheusalertsyml",
        "single-sign-on-a-provinces-own-oidc-issuer",
        "alerts-deployprometheusalertsyml-1",
    }
