"""Parse rendered pages and list what could run: scripts that are not ours,
event-handler attributes, javascript:/data:/vbscript: URLs, frames and
objects pointing elsewhere. Used by the rich text and XSS corpus tests."""

from html.parser import HTMLParser

# Script types a browser does not execute (data blocks).
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


class PageScan(HTMLParser):
    def __init__(self, own_script_srcs=()):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.data_scripts = []  # (type, text) of JSON data blocks
        self._script = None
        self.own_script_srcs = own_script_srcs

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            kind = (values.get("type") or "").lower()
            src = values.get("src") or ""
            if kind in DATA_SCRIPT_TYPES:
                self._script = [kind, ""]
            elif not src or not src.startswith(self.own_script_srcs):
                self.problems.append(f"<script {values}>")
                self._script = ["executable", ""]
        if tag in {"object", "embed", "applet", "base", "frame", "frameset"}:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value:
                compact = "".join(value.split()).lower()
                if compact.startswith(BAD_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and value and ("expression(" in value or "javascript:" in value):
                self.problems.append(f"<{tag} style={value!r}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script[0] in DATA_SCRIPT_TYPES:
                self.data_scripts.append(tuple(self._script))
            self._script = None


def scan(html: str, own_script_srcs=("/static/",)) -> PageScan:
    parser = PageScan(own_script_srcs=tuple(own_script_srcs))
    parser.feed(html)
    parser.close()
    return parser


def problems(html: str) -> list[str]:
    return scan(html).problems
