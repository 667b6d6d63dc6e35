"""The page's own words in one place, written in simplified and shown in the script the page is set to.

`Labels` remembers which component property carries which label, so one callback relabels the whole
page when the clerk switches 简体/繁體. The head script (`head_script`) does the same for the few
words Gradio's own frontend writes (aria labels of its buttons): it pins Gradio's language to Chinese
and rewrites those labels into the page's script, and gives every element whose aria label would
carry markup (a chat message) its plain text instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import gradio as gr

from ui.answer_text import label

SCRIPT_CHOICES = {"自动": None, "简体": "hans", "繁體": "hant"}
"""Radio value → the script sent with a question (自动: none, the API detects the asker's)."""

# Words Gradio's frontend writes itself, by what it writes (English, or its zh-CN translation).
FRONTEND_WORDS = {
    "Like": "有帮助",
    "Dislike": "没帮助",
    "Liked": "已评：有帮助",
    "Disliked": "已评：没帮助",
    "赞": "有帮助",
    "踩": "没帮助",
    "Clear": "清空",
    "清空对话": "清空对话",
    "Copy": "复制",
    "Copied": "已复制",
    "Copy message": "复制",
    "Copy conversation": "复制对话",
    "Scroll down": "回到底部",
    "Loading...": "加载中",
    "Error": "出错了",
    "Close": "关闭",
    "More tabs": "更多标签页",
    "Loading": "加载中",
    "Use via API": "接口说明",
    "Stop Recording": "停止录音",
    "chatbot conversation": "问答记录",
    "Gradio footer navigation": "页脚",
}
# Prefixes Gradio puts before a message's text in its aria label.
FRONTEND_PREFIXES = {"user's message: ": "提问：", "bot's message: ": "答复：", "Select example ": "示例 "}


def display_script(choice: str | None) -> str:
    """The script the page's labels and the plan browser use (自动 reads simplified)."""
    return SCRIPT_CHOICES.get(choice or "") or "hans"


class Labels:
    """(component, property, simplified text) triples, relabelled together. A text may be a function
    giving it at the time (the page's header names the plans, known for certain once loaded)."""

    def __init__(self) -> None:
        self.items: list[
            tuple[gr.components.Component | gr.blocks.BlockContext, str, str | Callable[[], str]]
        ] = []

    def add(self, component: Any, **props: str | Callable[[], str]) -> Any:
        for prop, text in props.items():
            self.items.append((component, prop, text))
        return component

    @property
    def components(self) -> list[Any]:
        return list(dict.fromkeys(c for c, _, _ in self.items))

    def updates(self, choice: str | None) -> list[dict[str, Any]]:
        script = display_script(choice)
        props: dict[int, dict[str, str]] = {}
        for component, prop, text in self.items:
            props.setdefault(id(component), {})[prop] = label(text() if callable(text) else text, script)
        return [gr.update(**props[id(c)]) for c in self.components]


def head_script() -> str:
    """Inline script for the page head: Gradio's language pinned to Chinese, its own labels in the
    page's script, plain-text aria labels."""
    words = {en: {"hans": zh, "hant": label(zh, "hant")} for en, zh in FRONTEND_WORDS.items()}
    for forms in list(words.values()):  # a label already rewritten is found again on a switch
        words.setdefault(forms["hans"], forms)
        words.setdefault(forms["hant"], forms)
    prefixes = {en: {"hans": zh, "hant": label(zh, "hant")} for en, zh in FRONTEND_PREFIXES.items()}
    js = _HEAD_JS.replace("__WORDS__", json.dumps(words, ensure_ascii=False))
    return "<script>" + js.replace("__PREFIXES__", json.dumps(prefixes, ensure_ascii=False)) + "</script>"


_HEAD_JS = """
(() => {
  try {
    Object.defineProperty(navigator, 'language', { get: () => 'zh-CN' });
    Object.defineProperty(navigator, 'languages', { get: () => ['zh-CN', 'zh'] });
  } catch (e) {}
  const WORDS = __WORDS__;
  const PREFIXES = __PREFIXES__;
  const script = () =>
    document.querySelector('#script-switch input:checked')?.value === '繁體' ? 'hant' : 'hans';
  const plain = (html) => new DOMParser().parseFromString(html, 'text/html').body.textContent.trim();
  function relabel() {
    const s = script();
    document.documentElement.lang = s === 'hant' ? 'zh-Hant' : 'zh-Hans';
    for (const el of document.querySelectorAll('[aria-label], [title]')) {
      for (const attr of ['aria-label', 'title']) {
        const v = el.getAttribute(attr);
        if (!v) continue;
        const forms = WORDS[v.trim()];
        let want = forms ? forms[s] : (/[<>]|&#\\d+;/.test(v) ? plain(v) : v);
        for (const [en, zh] of Object.entries(PREFIXES)) {
          if (want.startsWith(en)) want = zh[s] + want.slice(en.length);
          else if (want.startsWith(zh.hans) && s === 'hant') want = zh.hant + want.slice(zh.hans.length);
          else if (want.startsWith(zh.hant) && s === 'hans') want = zh.hans + want.slice(zh.hant.length);
        }
        if (want !== v) el.setAttribute(attr, want);
      }
    }
  }
  function retext() {  // the few words Gradio writes as text (screen-reader notes, hidden buttons)
    const s = script();
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const forms = WORDS[n.textContent.trim()];
      if (forms && n.parentElement?.tagName !== 'SCRIPT' && n.textContent.trim() !== forms[s]) n.textContent = forms[s];
    }
  }
  let queued = false;
  const later = () => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; relabel(); retext(); }); } };
  const start = () => {
    new MutationObserver(later).observe(document.body, {
      subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: ['aria-label', 'title', 'checked'],
    });
    document.addEventListener('change', later, true);
    relabel();
  };
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
"""
