#!/usr/bin/env python3
"""Round trip of Gleaner's rendered formats: parse a rendered document with an independent
parser and check that every block of the JSON record comes back with the same text.

    roundtrip.py FORMAT RECORD.json DOCUMENT

FORMAT is markdown (parsed with markdown-it-py, CommonMark + pipe tables), html (Python's
html.parser) or text. RECORD.json is the record's JSON line. Exit status 0 when the document
gives back every block (headings, paragraphs, list items, quotes, code with its indentation,
tables cell by cell, images, link targets), 1 with the first differences otherwise.
"""
import json
import sys
from urllib.parse import unquote
from html.parser import HTMLParser


def expected(record, fmt):
    """(kind, payload) per block, in order, as every format must give it back."""
    out = []
    if record.get("headline"):
        out.append(("h", record["headline"]))
    if record.get("lead"):
        out.append(("p", record["lead"]))
    for block in record["blocks"]:
        kind = block["type"]
        if kind == "heading":
            out.append(("h", block["text"]))
        elif kind == "paragraph":
            out.append(("p", block["text"]))
        elif kind == "list_item":
            out.append(("li", block["text"]))
        elif kind == "quote":
            out.append(("quote", block["text"]))
        elif kind in ("code", "preformatted"):
            out.append(("code", block.get("verbatim") or block["text"]))
        elif kind == "table":
            rows = [r["cells"] for r in block["rows"]]
            if fmt == "markdown":
                # A pipe table has one width: the renderer pads short rows with empty cells.
                width = max((len(r) for r in rows), default=0)
                rows = [r + [""] * (width - len(r)) for r in rows]
            out.append(("table", rows))
            if fmt == "markdown" and block.get("caption"):
                out.append(("p", block["caption"]))
        elif kind == "image":
            out.append(("img", block["src"]))
            note = " ".join(x for x in [block.get("caption"), f"({block['credit']})" if block.get("credit") else None] if x)
            if fmt == "markdown" and note:
                out.append(("p", note))
        else:
            raise SystemExit(f"unknown block type {kind}")
    return out


def expected_links(record):
    """Link targets in order. A link inside another link's text (nested anchors an HTML
    parser left in) is not expected back: no format can write it, so the renderers keep the
    outer one (GleanerRender's InlineTree)."""
    out = []
    for block in record["blocks"]:
        taken = []
        for link in sorted(block.get("links", []), key=lambda l: (l["start"], -l["end"])):
            if any(s <= link["start"] and link["end"] <= e for s, e in taken):
                continue
            taken.append((link["start"], link["end"]))
            out.append(link["href"])
    return out


def same_target(a, b):
    """Link targets and image sources compared as URLs: CommonMark parsers percent-encode what the record keeps
    as typed (spaces, non-ASCII), so both sides are decoded first."""
    return a is not None and b is not None and unquote(a) == unquote(b)


class Markdown:
    def __init__(self, document):
        from markdown_it import MarkdownIt
        if document.startswith("---\n"):
            document = document[document.index("\n---\n", 4) + 5:]
        self.tokens = MarkdownIt("commonmark").enable("table").parse(document)
        self.links = []

    def inline(self, token):
        text = []
        for child in token.children or []:
            if child.type in ("text", "code_inline", "html_inline"):
                text.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                text.append("\n")
            elif child.type == "link_open":
                self.links.append(child.attrs["href"])
        return "".join(text)

    def blocks(self):
        out = []
        tokens = self.tokens
        context = []
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if t.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
                context.append(t.type)
            elif t.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
                context.pop()
            elif t.type == "heading_open":
                out.append(("h", self.inline(tokens[i + 1])))
                i += 2
            elif t.type == "paragraph_open":
                inline = tokens[i + 1]
                children = inline.children or []
                if len(children) == 1 and children[0].type == "image":
                    out.append(("img", children[0].attrs["src"]))
                else:
                    text = self.inline(inline)
                    kind = "p"
                    if context and context[-1] == "bullet_list_open":
                        kind = "li"
                    elif context and context[-1] == "blockquote_open":
                        kind = "quote"
                    out.append((kind, text))
                i += 2
            elif t.type in ("fence", "code_block"):
                out.append(("code", t.content[:-1] if t.content.endswith("\n") else t.content))
            elif t.type == "table_open":
                rows, row = [], None
                while tokens[i].type != "table_close":
                    tt = tokens[i]
                    if tt.type == "tr_open":
                        row = []
                    elif tt.type == "inline":
                        row.append(self.inline(tt))
                    elif tt.type == "tr_close":
                        rows.append(row)
                    i += 1
                if rows and all(c == "" for c in rows[0]):
                    rows = rows[1:]  # the empty header row of a table without one
                out.append(("table", rows))
            i += 1
        return out


class HTML(HTMLParser):
    BLOCKS = {"h1": "h", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h", "p": "p", "li": "li", "pre": "code"}

    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.out, self.links, self.stack, self.text, self.rows, self.row = [], [], [], None, None, None
        self.depth = 0  # inside the first <article>
        self.done = False
        self.feed(document)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "article":
            self.depth += 1
            return
        if self.depth == 0:
            return
        self.stack.append(tag)
        if tag in self.BLOCKS or tag in ("td", "th"):
            self.text = []
        elif tag == "br" and self.text is not None:
            self.text.append("\n")
            self.stack.pop()
        elif tag == "a":
            self.links.append(attrs.get("href"))
        elif tag == "img":
            self.out.append(("img", attrs.get("src")))
            self.stack.pop()
        elif tag == "table":
            self.rows = []
        elif tag == "tr":
            self.row = []
        elif tag == "meta" or tag == "link":
            self.stack.pop()

    def handle_endtag(self, tag):
        if self.done or self.depth == 0:
            return
        if tag == "article":
            self.depth -= 1
            self.done = self.depth == 0
            return
        while self.stack and self.stack[-1] != tag:
            self.stack.pop()
        if self.stack:
            self.stack.pop()
        if tag in ("td", "th"):
            self.row.append("".join(self.text))
            self.text = None
        elif tag == "tr":
            self.rows.append(self.row)
        elif tag == "table":
            self.out.append(("table", self.rows))
        elif tag in self.BLOCKS and self.text is not None:
            kind = self.BLOCKS[tag]
            if tag == "p" and "blockquote" in self.stack:
                kind = "quote"
            if tag == "p" and "header" in self.stack:
                self.text = None
                return
            self.out.append((kind, "".join(self.text)))
            self.text = None

    def handle_data(self, data):
        if self.text is not None and self.depth > 0 and not self.done:
            self.text.append(data)

    def blocks(self):
        return self.out


def check_text(record, document):
    """Plain text: every block's text, in order (tables as rows of ' | '-joined cells)."""
    parts = [p for kind, p in expected(record, "text") if kind != "img"]
    position = 0
    for part in parts:
        needle = "\n".join(" | ".join(row) for row in part) if isinstance(part, list) else part
        found = document.find(needle, position)
        if found < 0:
            return [f"not found after offset {position}: {needle[:120]!r}"]
        position = found + len(needle)
    return []


def main():
    fmt, record_path, document_path = sys.argv[1:4]
    record = json.loads(open(record_path, encoding="utf-8").read())
    document = open(document_path, encoding="utf-8").read()
    if fmt == "text":
        problems = check_text(record, document)
    else:
        parser = Markdown(document) if fmt == "markdown" else HTML(document)
        want = expected(record, fmt)
        got = parser.blocks()
        problems = []
        for index, item in enumerate(want):
            if index >= len(got):
                problems.append(f"block {index}: missing, want {item!r:.160}")
                break
            if got[index] != item and not (item[0] == got[index][0] == "img" and same_target(item[1], got[index][1])):
                problems.append(f"block {index}: want {item!r:.200}\n           got  {got[index]!r:.200}")
        links = expected_links(record)
        got_links = parser.links[: len(links)]
        if not problems and (len(got_links) != len(links) or not all(map(same_target, links, got_links))):
            first = next((i for i, (a, b) in enumerate(zip(links, got_links)) if not same_target(a, b)), min(len(links), len(got_links)))
            problems.append(f"links differ from link {first} ({len(links)} wanted, {len(parser.links)} found): want {links[first:first + 3]} got {parser.links[first:first + 3]}")
    if problems:
        print(f"{document_path}: {len(problems)} difference(s)")
        for p in problems[:5]:
            print("  " + p)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
