"""Hostile names: nothing in a name may change DOT, HTML-like label, SVG or Mermaid syntax."""

from __future__ import annotations

import html
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from orgraph.render import render_bytes, to_dot, to_mermaid
from orgraph.render._text import clean, html_text, mermaid_text, plain_text, tooltip_text
from tests.render.orgs import one_unit_org, svg_texts

HOSTILE = [
    pytest.param("<b>bold</b>", id="markup"),
    pytest.param("<<html>>", id="double-angle"),
    pytest.param("A & B &amp; &#35; &bogus;", id="ampersands"),
    pytest.param("say \"hi\" and 'bye'", id="quotes"),
    pytest.param("back\\slash", id="backslash"),
    pytest.param("ends with \\", id="trailing-backslash"),
    pytest.param("odd \\\\\\", id="odd-backslashes"),
    pytest.param("\\N \\G \\L \\l \\n \\r \\E \\T \\H", id="escstring"),
    pytest.param("{braces}; [brackets] (parens)", id="braces"),
    pytest.param("semi;colon;", id="semicolons"),
    pytest.param("first line\nsecond line", id="newline"),
    pytest.param("node:port:sw", id="colons"),
    pytest.param("a -> b -- c --> d -.- e ==> f", id="arrows"),
    pytest.param("]]> <!-- comment --> <![CDATA[x]]>", id="xml"),
    pytest.param("#35; #quot; %% comment", id="mermaid-entities"),
    pytest.param("`tick` |pipe| ~tilde~ *star* _under_", id="markdown"),
    pytest.param('javascript:alert("x")', id="javascript"),
    pytest.param("ctl\x07\x1b\x7f\x85\x9f end", id="controls"),
    pytest.param("line\u2028sep\u2029para", id="unicode-separators"),
    pytest.param("Đầm Hà – Ủy ban nhân dân", id="vietnamese"),
    pytest.param("Do\u0302\u0300ng", id="decomposed"),
    pytest.param("subgraph end graph digraph node edge strict", id="keywords"),
    pytest.param("\u202eright-to-left", id="bidi"),
]


def _lines(name: str) -> list[str]:
    return clean(name).split("\n")


@pytest.mark.parametrize("name", HOSTILE)
def test_html_label_is_well_formed_and_carries_the_name(name: str) -> None:
    source = to_dot(one_unit_org(name, title=name, person=name), people=True)
    labels = re.findall(r"^\tn\d+ \[label=<(<TABLE.*</TABLE>)> ", source, re.M)
    assert len(labels) == 2  # nothing in the name opened or closed a label
    label = ET.fromstring(labels[1].replace("<BR/>", "\n"))
    text = "".join(label.itertext())
    # Graphviz unescapes doubled backslashes; do the same to compare. Long names wrap.
    flat = " ".join(text.replace("\\\\", "\\").split())
    assert flat.startswith(" ".join(clean(name).split()))


@pytest.mark.parametrize("name", HOSTILE)
def test_dot_statements_are_not_broken(name: str) -> None:
    source = to_dot(one_unit_org(name, title=name, person=name), people=True, title=name)
    # Exactly the statements we wrote: two nodes, one edge, no stray lines.
    assert len(re.findall(r"^\t(n\d+) \[label=<", source, re.M)) == 2
    assert len(re.findall(r"^\tn0 -> n1 ", source, re.M)) == 1
    body = source.split("{", 1)[1].rsplit("}", 1)[0]
    for line in body.strip("\n").split("\n"):
        assert re.match(r"^\t(graph|node|edge|n\d+|corner\d|title|legend|\{|\}|\t)", line), line


@pytest.mark.dot
@pytest.mark.parametrize("name", HOSTILE)
def test_svg_is_valid_xml_and_has_the_name_as_text(name: str) -> None:
    org = one_unit_org(name, title=name, person=name)
    svg = render_bytes(org, "svg", people=True, title=name)
    texts = svg_texts(svg)
    for line in _lines(name):
        assert line.strip() in [t.strip() for t in texts], (line, texts)
    # Names become text and tooltips, never links.
    assert b"xlink:href" not in svg


@pytest.mark.dot
def test_backslash_sequences_are_not_expanded() -> None:
    name = "\\N\\G\\L"
    svg = render_bytes(one_unit_org(name), "svg")
    assert name in svg_texts(svg)


@pytest.mark.parametrize("name", HOSTILE)
def test_mermaid_labels_are_quoted_and_decode_to_the_name(name: str) -> None:
    text = to_mermaid(one_unit_org(name, title=name, person=name), people=True, title=name)
    nodes = [line for line in text.splitlines() if re.match(r"^\s+n\d+", line)]
    node_lines = [line for line in nodes if "[" in line]
    assert len(node_lines) == 2
    for line in node_lines:
        assert re.fullmatch(r'\s+n\d+\["[^"\n]*"\]', line), line
    label = re.fullmatch(r'\s+n1\["([^"]*)"\]', node_lines[1])[1]  # type: ignore[index]
    without_tags = re.sub(r"</?(b|s|i|small)>|<br>", "\n", label)
    assert "<" not in without_tags and ">" not in without_tags
    decoded = re.sub(r"#(\d+);", lambda m: chr(int(m[1])), without_tags)
    assert decoded.split("\n")[1 : 1 + len(_lines(name))] == _lines(name)
    # The title line is JSON, which YAML reads as one double-quoted scalar.
    assert text.splitlines()[1].startswith('title: "')


@pytest.mark.parametrize(
    ("function", "text", "expected"),
    [
        (clean, "a\x00b\x1f\nc\r\n", "ab\nc\n"),
        (clean, "e\u0301", "é"),
        (clean, "\ud800x\ufffe\uffff", "x"),
        (html_text, "<&>\"'", "&lt;&amp;&gt;&quot;&#x27;"),
        (html_text, "a\nb", "a<BR/>b"),
        (html_text, "\\N", "\\\\N"),
        (plain_text, "\\N\n<x>", "\\\\N <x>"),
        (tooltip_text, "\\N", "\\\\\\\\N"),
        (mermaid_text, '"#;<>&`|', "#34;#35;#59;#60;#62;#38;#96;#124;"),
        (mermaid_text, "Đầm Hà (x)", "Đầm Hà (x)"),
        (mermaid_text, "a\nb", "a<br>b"),
        (mermaid_text, "a\u2028b", "a#8232;b"),
    ],
)
def test_escape_functions(function, text: str, expected: str) -> None:
    assert function(text) == expected


def test_plain_text_is_never_taken_as_html() -> None:
    import graphviz

    graph = graphviz.Digraph()
    graph.node("a", tooltip=tooltip_text("<b>x</b>"), xlabel=plain_text("<y>"))
    assert 'tooltip="<b>x</b>"' in graph.source and 'xlabel="<y>"' in graph.source


@pytest.mark.dot
def test_dot_accepts_every_hostile_name_at_once() -> None:
    from datetime import date

    from orgraph import Org, Unit

    names = [p.values[0] for p in HOSTILE]
    org = Org.create(
        name="All",
        date=date(2020, 1, 1),
        units=[Unit(id="r", name="Root", kind="x", level="x")]
        + [
            # unchecked, as the model refuses the control characters in one of the names
            Unit.model_construct(id=f"u{i}", name=n, kind="x", level="x", parent="r")
            for i, n in enumerate(names)
        ],
    )
    source = to_dot(org, stack=False)
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    texts = [t.strip() for t in svg_texts(done.stdout)]
    for name in names:
        for line in _lines(name):  # type: ignore[arg-type]
            assert line.strip() in texts
    assert html.unescape("&lt;b&gt;bold&lt;/b&gt;") in texts
