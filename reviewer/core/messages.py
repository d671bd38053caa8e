"""Messages the core writes for people, sayable in the interface's language.

The core never imports Qt, yet what it writes reaches the window: an import's problems, why
nothing was imported, why a job failed, the archive checks' verdicts. Each such text is a
`Msg`: a `str` holding the plain English (what the CLI prints and the log keeps, so every
caller that only wants text keeps working) that also carries its `template` and `params`.

    Msg("cannot be read ({error}); skipped", error=exc)

The template is the catalogue's key. `./dev i18n` extracts every `Msg("…")` literal of
reviewer/core into the interface's .ts files (lupdate treats `Msg` as QT_TR_NOOP, context ""),
where it is translated with the window's own strings, in the same words; the window says a
`Msg` with `reviewer.ui.i18n.core_text`, which translates the template through Qt's
translator and fills in the parameters (numbers the language's way, a `Msg` parameter in
turn translated). Why not a dictionary per language here: one catalogue for the translator,
checked by tests/test_i18n.py (a `Msg` added without `./dev i18n` fails it), and the window's
German terms ("Aufnahme", "Export") right beside the core's.

Placeholders are `{lowercase_name}` without format specs (a translation reuses them); a
template is one literal (adjacent literals are fine), never built at run time. An int
parameter is a count ("1,234" in English, "1.234" in German): pass a year or a code as str.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class Msg(str):
    """English text of a message, with the template and parameters it was made from."""

    template: str
    params: Mapping[str, object]

    def __new__(cls, template: str, /, **params: object) -> Msg:
        values = {k: _plain(v) for k, v in params.items()}
        english = {k: f"{v:,}" if isinstance(v, int) else v for k, v in values.items()}
        self = super().__new__(cls, template.format(**english))
        self.template = template
        self.params = values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Across processes (the flagging worker) and through copies it stays a Msg.
        return (_rebuild, (self.template, dict(self.params)))


def _rebuild(template: str, params: dict[str, object]) -> Msg:
    return Msg(template, **params)


def _plain(value: object) -> object:
    """A parameter as kept: an exception becomes its message (a Msg when it carries one),
    numbers and Msgs stay what they are, anything else becomes its text."""
    if isinstance(value, BaseException):
        return message_of(value)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    return str(value)


def joined(separator: str, items: Iterable[object]) -> Msg:
    """Several messages (or texts) as one, each still sayable in another language:
    joined("; ", [Msg(...), Msg(...)])."""
    values = {f"item{i}": v for i, v in enumerate(items)}
    template = separator.replace("{", "{{").replace("}", "}}").join(
        "{" + k + "}" for k in values)
    return Msg(template, **values)


def to_data(text: str) -> object:
    """A text as JSON can keep it and `from_data` give back: a Msg as its template and
    parameters (nested Msgs too), any other text as it is."""
    if not isinstance(text, Msg):
        return text
    return {"msg": text.template,
            "params": {k: to_data(v) if isinstance(v, str) else v
                       for k, v in text.params.items()}}


def from_data(data: object) -> str:
    """The text `to_data` kept: a Msg again (so a window can still say it in its language)."""
    if isinstance(data, dict) and isinstance(data.get("msg"), str):
        params = data.get("params") or {}
        return Msg(data["msg"], **{str(k): from_data(v) if isinstance(v, dict) else v
                                  for k, v in params.items()})
    return data if isinstance(data, str) else str(data)


def message_of(exc: BaseException) -> str:
    """What an exception says: its Msg when it was raised with one (so a window can say it in
    its language), else its text."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Msg):
        return exc.args[0]
    return str(exc)


__all__ = ["Msg", "from_data", "joined", "message_of", "to_data"]
