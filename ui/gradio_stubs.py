"""Import Gradio without rewriting its type stubs.

Every Gradio component class, as it is defined, re-reads its module's source and regenerates the
``.pyi`` stub beside it (``gradio.component_meta.create_or_modify_pyi``): a tool for Gradio's own
developers that costs this service about 1.5 s of start-up and writes into site-packages. The wheel
ships the stubs already, so the service turns the step off before Gradio is first imported.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from types import ModuleType

_MODULE = "gradio.component_meta"


def _keep_stubs(*_args: object, **_kwargs: object) -> None:
    """Stands in for Gradio's stub writer: the installed stubs are kept as they are."""


class _StubWriterOff(importlib.abc.MetaPathFinder):
    """Finds `gradio.component_meta` as usual and replaces its stub writer once the module has run."""

    def find_spec(self, name: str, path=None, target=None):
        if name != _MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            module.create_or_modify_pyi = _keep_stubs

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def skip_stub_writing() -> None:
    """Call before the first `import gradio`; a no-op once Gradio is imported (or the hook is set)."""
    if _MODULE in sys.modules:
        module = sys.modules[_MODULE]
        module.create_or_modify_pyi = _keep_stubs  # type: ignore[attr-defined]
        return
    if not any(isinstance(finder, _StubWriterOff) for finder in sys.meta_path):
        sys.meta_path.insert(0, _StubWriterOff())
