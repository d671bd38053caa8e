"""HTML pages: tables and transcript lists."""

from __future__ import annotations

from collections.abc import Sequence
from html.parser import HTMLParser

from reviewer.core.importers.alexa.columns import _classify_columns, _Roles, _voice_hint
from reviewer.core.importers.alexa.delimited import _rows_from_lines, _unique_names
from reviewer.core.importers.alexa.found import _FileProblems, _Row
from reviewer.core.importers.alexa.tables import _table_row
from reviewer.core.importers.source import Entry
from reviewer.core.messages import Msg

# ---------------------------------------------------------------------------------------------
# HTML


class _HtmlText(HTMLParser):
    """Tables (rows of cell texts) and text lines (one per block element) of an HTML page."""

    _BLOCKS = frozenset({"p", "li", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "dt",
                         "dd", "section", "article", "ul", "ol", "table", "body", "header",
                         "footer", "pre", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.lines: list[str] = []
        self._open_tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._buffer: list[str] = []
        self._skip = 0

    @classmethod
    def parse(cls, text: str) -> _HtmlText:
        parser = cls()
        parser.feed(text)
        parser.close()
        parser._flush()
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title"):
            self._skip += 1
        elif tag == "table":
            self._flush()
            self._open_tables.append([])
        elif tag == "tr" and self._open_tables:
            self._end_cell()
            self._open_tables[-1].append([])
        elif tag in ("td", "th") and self._open_tables:
            self._end_cell()
            self._cell = []
        elif tag in self._BLOCKS and self._cell is None:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr" and self._open_tables:
            self._end_cell()
            row = self._open_tables[-1][-1] if self._open_tables[-1] else []
            if any(row):
                self.lines.append("\t".join(row))
        elif tag == "table" and self._open_tables:
            self._end_cell()
            table = [r for r in self._open_tables.pop() if any(r)]
            if table:
                self.tables.append(table)
        elif tag in self._BLOCKS and self._cell is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif not self._open_tables:
            self._buffer.append(data)

    def _end_cell(self) -> None:
        if self._cell is not None and self._open_tables and self._open_tables[-1]:
            self._open_tables[-1][-1].append(" ".join("".join(self._cell).split()))
        self._cell = None

    def _flush(self) -> None:
        line = " ".join("".join(self._buffer).split())
        if line:
            self.lines.append(line)
        self._buffer = []


def _rows_from_html(entry: Entry, text: str, sink: _FileProblems) -> list[_Row]:
    page = _HtmlText.parse(text)
    rows: list[_Row] = []
    n = 0
    for table in page.tables:
        roles = _classify_columns(table[0], _voice_hint(entry.path))
        if roles is None:
            continue
        header = _unique_names(table[0])
        for cells in table[1:]:
            n += 1
            row = _html_row(entry, n, header, cells, roles, sink)
            if row is not None:
                rows.append(row)
    if n:
        return rows
    return _rows_from_lines(entry, page.lines, "item", sink)


def _html_row(entry: Entry, n: int, header: Sequence[str], cells: Sequence[str],
              roles: _Roles, sink: _FileProblems) -> _Row | None:
    padded = list(cells) + [""] * (len(header) - len(cells))
    row = _table_row(dict(zip(header, padded, strict=False)), roles,
                     f"{entry.path}#row={n}", f"{entry.where}, table row {n}")
    if isinstance(row, str):
        sink.add(Msg("table row {n}", n=n), row)
        return None
    return row
