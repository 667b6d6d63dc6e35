"""`/docs`: the OpenAPI description as one self-contained HTML page (no CDN scripts, works offline).

The machine-readable schema stays at `/openapi.json` for code generators and Swagger tools."""

from __future__ import annotations

import html
import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

STYLE = """body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:960px;margin:2em auto;padding:0 1em}
.op{border:1px solid #ddd;border-radius:6px;margin:.8em 0;padding:.6em 1em}
.m{font-weight:bold;display:inline-block;min-width:4em}code,pre{background:#f6f6f6}
pre{padding:.6em;overflow:auto;font-size:12px}"""


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> str:
    spec = request.app.openapi()
    e = html.escape
    out = [f"<!doctype html><meta charset=utf-8><title>{e(spec['info']['title'])} API</title>",
           f"<style>{STYLE}</style><h1>{e(spec['info']['title'])} {e(spec['info']['version'])}</h1>",
           f"<p>{e(spec['info'].get('description', ''))}</p>",
           '<p>Schema: <a href="/openapi.json">/openapi.json</a></p>']  # fmt: skip
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            out.append(f'<div class="op"><span class="m">{e(method.upper())}</span> <code>{e(path)}</code>')
            out.append(f"<p>{e(op.get('description') or op.get('summary', ''))}</p>")
            params = [f"<code>{e(p['name'])}</code> ({e(p['in'])})" for p in op.get("parameters", [])]
            if params:
                out.append("<p>Parameters: " + ", ".join(params) + "</p>")
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                out.append(
                    f"<details><summary>Request body</summary><pre>{e(_schema(spec, body))}</pre></details>"
                )
            out.append("</div>")
    return "\n".join(out)


def _schema(spec: dict, ref: dict) -> str:
    name = ref.get("$ref", "").rsplit("/", 1)[-1]
    schema = spec.get("components", {}).get("schemas", {}).get(name, ref)
    return json.dumps(schema, ensure_ascii=False, indent=1)
