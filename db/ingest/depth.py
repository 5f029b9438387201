"""How deep JSON text nests, measured on the raw bytes at C speed, chunk by chunk.

ijson's item builder keeps a path string per open level, so 100,000 nested brackets would
take gigabytes before any item came out; and walking every parsed object in Python would
cost about as much as parsing it. Here a chunk goes through C-level passes only: escapes are
removed (a regular expression that matches only at backslashes), `bytes.translate` keeps the
quotes and brackets, empty strings go by `bytes.replace`, the few strings that still hold a
bracket by a regular expression, and `itertools.accumulate` runs the depth over the brackets
left. About 0.5 s for 180 MB of LL2 events. A string or an escape cut by the end of a chunk
is carried to the next as a state.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import sub
from typing import BinaryIO

_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_QUOTED = re.compile(rb'"[^"]*"')
_NOT_SYNTAX = bytes(sorted(set(range(256)) - set(b'[]{}"')))
# An opening bracket becomes 2, a closing one 0: minus 1, each is its change of depth.
_SIGNS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


_PARENS = bytes.maketrans(b"[{]}", b"(())")


def _height_within(syntax: bytes, limit: int) -> bool:
    """Whether brackets (strings removed) are balanced and nest at most `limit` deep.

    Each `replace` removes every innermost pair at once (it does not rescan what it made),
    so the number of passes until nothing is left is the depth: a handful of C passes over a
    few hundred bytes, where a running sum would make an integer per bracket. False, when
    unsure (unbalanced, or deeper), leaves the exact count to the caller.
    """
    rest = syntax.translate(_PARENS)
    for _ in range(limit):
        if not rest:
            return True
        shorter = rest.replace(b"()", b"")
        if len(shorter) == len(rest):
            return False
        rest = shorter
    return not rest


class TooDeep(Exception):
    """The text nests deeper than the limit."""


class DepthScanner:
    """Feed it the text of one JSON document (or line) in order; it raises TooDeep as soon as
    a chunk takes the nesting past `limit`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.depth = 0
        self.in_string = False
        self.backslash = b""  # a backslash that ended the last chunk, escaping what follows

    def feed(self, data: bytes) -> None:
        # Escapes go first (only strings hold them; LL2 text has few), so every quote left
        # opens or closes a string.
        data = _ESCAPE.sub(b"", self.backslash + data)
        self.backslash = b""
        if data.endswith(b"\\"):
            self.backslash, data = b"\\", data[:-1]
        # Only quotes and brackets matter.
        self.feed_syntax(data.translate(None, _NOT_SYNTAX))

    def feed_syntax(self, syntax: bytes) -> None:
        """Feed the quotes and brackets of the next chunk, escapes already removed."""
        # Two adjacent quotes (most strings, once their text is gone) change no bracket's
        # side, so they go at C speed before the regex.
        syntax = syntax.replace(b'""', b"")
        if self.in_string:
            syntax = b'"' + syntax
        syntax = _QUOTED.sub(b"", syntax)
        open_at = syntax.find(b'"')
        self.in_string = open_at >= 0
        if self.in_string:
            syntax = syntax[:open_at]
        if self.depth == 0 and not self.in_string and _height_within(syntax, self.limit):
            return  # a whole document (a JSON line), balanced and shallow enough
        signs = syntax.translate(_SIGNS)
        if not signs:
            return
        depths = list(accumulate(map(sub, signs, repeat(1)), initial=self.depth))
        self.depth = depths[-1]
        if max(depths) > self.limit:
            raise TooDeep


# What `check_line` keeps of a line besides quotes and brackets, for the number checks of
# decode.py: digits (as 0), exponent marks (as e), signs, decimal points, the separators
# before a value, and white space (which keeps the digits of two words apart). Other letters
# go, which can only join digits and marks of one word.
_NUMBER_MARKS = b"0e+-.:, \t\r\n"
_TO_MARKS = bytes.maketrans(b"0123456789E", b"0000000000e")
_NOT_MARKS = bytes(sorted(set(range(256)) - set(b'[]{}"0123456789eE+-.:, \t\r\n')))


def check_line(line: bytes, limit: int) -> bytes:
    """Check one whole JSON document (a line) as `DepthScanner.feed` does, raising TooDeep;
    returns its quotes, brackets and number marks (see above), escapes removed.

    One C pass over the line serves both checks: the number marks are less than half of an
    LL2 line, and the quotes and brackets are then taken from them.
    """
    # Most lines have no escape: a search for a backslash is a tenth of the regex's pass.
    data = _ESCAPE.sub(b"", line) if b"\\" in line else line
    if data.endswith(b"\\"):
        data = data[:-1]  # an escape cut by the end: left to the parser, as `feed` does
    marks = data.translate(_TO_MARKS, _NOT_MARKS)
    DepthScanner(limit).feed_syntax(marks.translate(None, _NUMBER_MARKS))
    return marks


class DepthGuard:
    """A binary file whose reads are scanned: reading raises TooDeep once the text nests past
    the limit, before the parser reading it sees the offending chunk."""

    def __init__(self, fh: BinaryIO, limit: int) -> None:
        self.fh = fh
        self.scanner = DepthScanner(limit)

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.scanner.feed(data)
        return data
