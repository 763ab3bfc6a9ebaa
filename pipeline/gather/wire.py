"""Large results out of the page as one JSON string instead of a protocol object tree.

Playwright hands an evaluate result through four layers (V8 → Chromium's DevTools → the Node
driver → Python), and each one walks and re-encodes every nested value; Python then validates
the whole tree again. A page's DOM facts or axe result hold thousands of small objects, so that
walk cost about as much as producing them. One string passes every layer in a single copy and
is decoded once by Python's C JSON parser.

A page can break `JSON.stringify` (an old library defining `Array.prototype.toJSON` double-
encodes every array). The wrapper checks that nothing of the kind is in place and otherwise
returns the value the ordinary way, so a hostile page costs speed, never correctness.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from playwright.async_api import Frame, Page

# Why a wrapper object and not the bare string: a result that is itself a string stays unambiguous.
_WRAP = """async (arg) => {
  const value = await (%s)(arg);
  const native = (f) => typeof f === "function"
    && /\\{\\s*\\[native code\\]\\s*\\}\\s*$/.test(Function.prototype.toString.call(f));
  const clean = native(JSON.stringify)
    && [Object, Array, String, Number, Boolean].every((C) => !("toJSON" in C.prototype));
  return clean ? { json: JSON.stringify(value) } : { value };
}"""


@functools.cache
def json_result_js(function_js: str) -> str:
    """A JS function expression wrapped so that it returns ``{json}`` (or ``{value}`` on a page that
    tampered with JSON); ``function_js`` may be sync or async and takes one argument."""
    return _WRAP % function_js


def decode(wrapped: Any) -> Any:
    """The value produced by a ``json_result_js`` function, whichever way it travelled."""
    if isinstance(wrapped, dict) and isinstance(wrapped.get("json"), str):
        return json.loads(wrapped["json"])
    if isinstance(wrapped, dict) and "value" in wrapped:
        return wrapped["value"]
    return wrapped


async def evaluate_json(where: Page | Frame, function_js: str, arg: Any = None) -> Any:
    """``where.evaluate(function_js, arg)``, with the result carried as one JSON string."""
    return decode(await where.evaluate(json_result_js(function_js), arg))
