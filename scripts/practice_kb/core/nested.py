"""Changing one value deep in nested data by a dotted path, such as ``organisation.name``.

The contribution form and the live event form both show the validator's own message
for a field: they take a valid example, change one value with ``set_at`` and validate.
"""

from __future__ import annotations

from typing import Any

DELETE = object()  # as a value: remove the key instead


def set_at(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``path`` in ``data`` to ``value`` (or remove it, for ``DELETE``); a list on
    the way stands for its first item."""
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[part] if isinstance(target, dict) else target[0]
        target = target[0] if isinstance(target, list) else target
    if value is DELETE:
        target.pop(last, None)
    else:
        target[last] = value
