"""A small DOM built with the standard library's HTML parser, for checking rendered pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_SELF_CLOSING = {"circle", "rect", "line", "path", "ellipse", "polyline", "polygon"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list["Node | str"] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())]

    def find(self, tag: str | None = None, cls: str | None = None) -> "Node":
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            while len(self.stack) > 1 and self.stack[-1].tag != tag:
                self.stack.pop()
        if len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str, strict: bool = True) -> Node:
    """The page's tree; with `strict`, every element must be closed by its own end tag."""
    b = _Builder()
    b.feed(html)
    b.close()
    if strict:
        assert not b.errors, b.errors[:5]
        assert len(b.stack) == 1, f"unclosed: {[n.tag for n in b.stack[1:]]}"
    return b.root


def assert_inert(root: Node, allowed_svg: int = 1) -> None:
    """No element or attribute that could run script or load something: the page is inert."""
    for n in root.iter():
        assert n.tag not in ("script", "img", "iframe", "object", "embed", "textarea", "form", "base"), n.tag
        for k, v in n.attrs.items():
            assert not k.startswith("on"), (n.tag, k, v)
            if k in ("href", "src", "action", "formaction", "xlink:href"):
                assert not (v or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), (n.tag, k, v)
            if k == "src":
                raise AssertionError(f"<{n.tag} src={v!r}> loads a resource")
    assert len(root.find_all("svg")) <= allowed_svg
    links = [n for n in root.find_all("link")]
    assert all(n.attrs.get("href") == "style.css" for n in links), [n.attrs for n in links]
