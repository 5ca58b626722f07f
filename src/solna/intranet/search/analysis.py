"""Swedish text analysis for the catalog's text indexes.

Plone's stock lexicon (``plone_lexicon``) splits on spaces, lower-cases and
strips accents: "förskolorna" does not find "förskola", "ledighet" not
"föräldraledighet", and "får" and "far" are one word. The lexicon
``solna_lexicon`` (catalog.xml; ``SearchableText``, ``Title`` and
``Description`` use it, search/setup.py) runs two pipeline elements
registered with ZCTextIndex's ``element_factory``:

``Solna svensk ordsplittare`` (group "Word Splitter")
    NFC (an "å" typed as "a" + combining ring is one letter) and the words.
``Solna svensk normalisering`` (group "Case Normalizer")
    for each word: case folding, Swedish stop words out, the Snowball
    stem (PyStemmer; the algorithm of snowballstem.org/algorithms/swedish),
    and, after the text's own words, the stems of its compound parts
    (hunspell-sv's dictionary, read with spylls: "föräldraledighet" is also
    "förälder" + "ledighet"), the words of its synonyms (the editable list
    ``solna.intranet.search_synonyms``, synonyms.py) and the form without
    diacritics ("förskol" is also "forskol", for phones without å, ä, ö).

What the index stores for a text is ``tokens(text)``. Queries go through
the same elements, so every catalog query (the search page, REST
``@search`` and ``@sok``, the directory, Plone's live search) sees stems:
a query word is stemmed, not split or expanded (the document side holds
the parts and synonyms), so "semester" finds "semesterdagar" and
"vab" finds "vård av barn". ``query_text`` also lets a compound typed in
the query find its parts written apart.

ZCTextIndex runs query terms through the pipeline twice (``parseTerms``,
then ``termToWordIds``); the elements' ``process_post_glob`` passes the
second round through unchanged, so a stem is never stemmed again.
"""

from functools import lru_cache
from pathlib import Path
from Products.ZCTextIndex.PipelineFactory import element_factory
from solna.intranet.search import synonyms

import contextlib
import hashlib
import logging
import marisa_trie
import os
import re
import Stemmer
import sys
import tempfile
import threading
import unicodedata


logger = logging.getLogger(__name__)

SPLITTER = "Solna svensk ordsplittare"
NORMALIZER = "Solna svensk normalisering"

#: Shortest compound part we split off (hunspell-sv allows 2; "se" + …
#: would split too much for search).
MIN_PART = 3
#: Words shorter than this keep their diacritics only: folded, "läs" would
#: be "las" (LAS) and "får" "far".
FOLD_MIN = 5
#: At most this many parts (hunspell-sv's COMPOUNDWORDMAX is 4).
MAX_PARTS = 4

#: Snowball's Swedish stop word list (snowballstem.org/algorithms/swedish/
#: stop.txt): words that carry no meaning in a search, so that "vård av
#: barn" and "hur många semesterdagar har jag" need not contain "av", "hur",
#: "har" or "jag".
STOP_WORDS = frozenset(
    """
    och det att i en jag hon som han på den med var sig för så till är men ett om
    hade de av icke mig du henne då sin nu har inte hans honom skulle hennes där
    min man ej vid kunde något från ut när efter upp vi dem vara vad över än dig
    kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
    detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir
    mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje
    vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas
    """.split()  # noqa: SIM905 - the list as Snowball prints it
)

_WORD = re.compile(r"\w+")
_GLOB_WORD = re.compile(r"\w+[\w*?]*")
_stemmer = threading.local()


#: Snowball's Swedish step 3 deletes these derivational suffixes; kept, so
#: that an adjective is not its root's word: "ledig", "ledighet" ->
#: "ledig", not "led" (as "ledare", "leda": a search for ledighet found the
#: Fritidsledare); "viktig" is not "vikt", "möjlighet" not "möj".
DERIVATIONAL = ("lig", "ig", "els")


def _snowball(word):
    """The Snowball stem of a case-folded word (PyStemmer objects are not
    thread-safe: one per thread), with the derivational suffix that
    Snowball's step 3 deleted put back (``DERIVATIONAL``)."""
    stemmer = getattr(_stemmer, "swedish", None)
    if stemmer is None:
        stemmer = _stemmer.swedish = Stemmer.Stemmer("swedish")
    stem = stemmer.stemWord(word)
    if len(stem) < len(word):
        for suffix in DERIVATIONAL:
            if word.startswith(stem + suffix, 0):
                return stem + suffix
    return stem


#: Vowels: a noun ending in one takes -n or -t in its definite form.
VOWELS = frozenset("aeiouyåäö")


def _definite(stem, vowel_words, word=None):
    """The stem of a noun's base form when Snowball's ``stem`` is its
    definite form, which Snowball's Swedish rules leave alone: "förskolan"
    -> "förskol" (as "förskola"), "frånvaron" -> "frånvaro", "kontot" ->
    "konto"; ``stem`` itself otherwise. The dictionary (``vowel_words``: its
    words ending in a vowel) says whether the base form is a word; -n and -t
    are read as the article only in words of six letters or more ("bit" is
    no "bi") whose base form ends in a word of four letters or more, and
    only when Snowball took no suffix from the ``word`` but a genitive -s
    ("barnskotare" is "barnskot" + -are, not "barnsko" + -t)."""
    base = stem[:-1]
    if len(stem) >= 4 and stem.endswith("an") and base in vowel_words:
        return _snowball(base)
    # A compound's last part decides: "arbetstidskontot" ends in "konto".
    if (
        len(stem) >= 6
        and (word is None or word in (stem, stem + "s"))
        and stem[-1] in "nt"
        and stem[-2] in VOWELS
        and any(base[i:] in vowel_words for i in range(len(base) - 3))
    ):
        return _snowball(base)
    return stem


#: Longer "words" (a pasted URL, a row of letters) are indexed and looked
#: up as they are: no stem, no parts, no corrections.
MAX_WORD = 40
#: What a query reads of what was typed: its first MAX_QUERY_WORDS words.
MAX_QUERY_WORDS = 10


def _stem(word):
    """The stem the index uses: Snowball's, read as the base form when it
    is a definite form (``_definite``)."""
    if len(word) > MAX_WORD:
        return word
    return _cached_stem(word)


@lru_cache(maxsize=200_000)
def _cached_stem(word):
    return _definite(_snowball(word), compounds().vowel_words, word)


def _folded(word):
    """The word without diacritics ("förskol" -> "forskol")."""
    return "".join(
        c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)
    )


def normalized(text):
    """NFC and case-folded: the one form every comparison uses."""
    return unicodedata.normalize("NFC", cleaned(text)).casefold()


#: Invisible format characters (Unicode category Cf) that text pasted from
#: a PDF or Word keeps inside words: a soft hyphen (U+00AD), a zero-width
#: space (U+200B) or joiner. "sem\xadester" is "semester".
_FORMAT = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def cleaned(text):
    """``text`` without invisible format characters (``_FORMAT``)."""
    return _FORMAT.sub("", text or "")


# -- the dictionary ---------------------------------------------------------


def dictionary_path():
    """The hunspell-sv files (``sv_SE.dic``/``.aff``) without their suffix:
    those of the PyPI package ``hunspell-sv`` in this Python's
    ``share/hunspell``, else Debian's ``hunspell-sv`` in /usr/share/hunspell.

    Raises LookupError when neither is installed."""
    for folder in (
        Path(sys.prefix) / "share" / "hunspell",
        Path("/usr/share/hunspell"),
    ):
        if (folder / "sv_SE.dic").exists() and (folder / "sv_SE.aff").exists():
            return folder / "sv_SE"
    raise LookupError("hunspell-sv (sv_SE.dic) is not installed")


class Compounds:
    """What hunspell-sv says about compounding, in three lookups.

    - ``begin``: {form that may begin a compound: its dictionary word},
      e.g. "löne" -> "löna", "arbetstids" -> "arbetstid" (words with the
      dictionary's COMPOUNDBEGIN flag, and the forms its suffixes with that
      flag make from them);
    - ``middle``: the same for COMPOUNDMIDDLE;
    - ``end``: the Snowball stems of the words with COMPOUNDEND, so an
      inflected last part ("dagarna") is recognised by its stem;
    - ``vowel_words``: the dictionary's words that end in a vowel (for
      ``_definite``).

    Each is read with ``get`` and ``in`` only: dicts and sets as ``read``
    makes them, or, as ``load`` gives them, ``WordTable``s and marisa-trie
    Tries.

    Read with spylls (about 5 s), then kept in a folder of this user's own
    (``_private_folder``) keyed by the dictionary file's size and time, as
    marisa-trie files mapped into memory (``load``)."""

    VERSION = 5
    #: The lookups kept, in the order of the constructor's arguments, then
    #: begin and middle together (``_inner``).
    TABLES = ("begin", "middle", "end", "vowels", "inner")

    def __init__(self, begin, middle, end, vowel_words, inner=None):
        self.begin = begin
        self.middle = middle
        self.end = end
        self.vowel_words = vowel_words
        if inner is not None:
            self.__dict__["_inner_heads"] = inner

    @classmethod
    def load(cls, path=None):
        """The dictionary's Compounds as tries: from the files kept in the
        private folder, else read with spylls (``read``), made into tries
        and kept there for the next process.

        Why tries (marisa-trie): as Python dicts and sets the ~200,000
        forms took 25 MB in every Zope process that searched, more than
        any page's data (issue 21: peak memory at 20,000 news); as tries
        they take about 2 MB, mapped from the kept files, so the
        processes of one machine share them."""
        path = Path(path or dictionary_path())
        stat = path.with_suffix(".dic").stat()
        folder = _private_folder()
        stem = (
            f"compounds-{cls.VERSION}-{sys.version_info[0]}{sys.version_info[1]}"
            f"-{stat.st_size}-{int(stat.st_mtime)}"
        )
        files = folder and [folder / f"{stem}-{name}.marisa" for name in cls.TABLES]
        if files and _intact(files, folder / f"{stem}.sha256"):
            try:
                return cls(*_mapped(files))
            except (OSError, ValueError, RuntimeError):
                pass
        tries = cls.read(path).tries()
        if files:
            try:
                _keep(tries, files, folder / f"{stem}.sha256")
            except OSError:
                logger.info("Could not keep the compound tables in %s", folder)
        return cls(*(_table(trie) for trie in tries))

    def tries(self):
        """The lookups as marisa-trie objects, in ``TABLES``'s order:
        BytesTries of UTF-8 values for the mappings, Tries for the sets."""

        def mapping(words):
            return marisa_trie.BytesTrie(
                (form, word.encode()) for form, word in words.items()
            )

        return (
            mapping(self.begin),
            mapping(self.middle),
            marisa_trie.Trie(self.end),
            marisa_trie.Trie(self.vowel_words),
            mapping(self._inner),
        )

    @classmethod
    def read(cls, path):
        """Derive the three lookups from the dictionary with spylls (as
        dicts and sets)."""
        from spylls.hunspell import Dictionary

        hunspell = Dictionary.from_files(str(path))
        aff = hunspell.aff
        first, inner, last = aff.COMPOUNDBEGIN, aff.COMPOUNDMIDDLE, aff.COMPOUNDEND
        begin, middle, last_words, vowel_words = {}, {}, [], set()
        for word in hunspell.dic.words:
            stem = normalized(word.stem)
            flags = word.flags
            if stem[-1:] in VOWELS:
                vowel_words.add(stem)
            if first in flags:
                begin.setdefault(stem, stem)
            if inner in flags:
                middle.setdefault(stem, stem)
            if last in flags:
                last_words.append(stem)
            for suffix, form in _suffixed(aff, stem, flags, {first, inner}):
                if first in suffix.flags:
                    begin.setdefault(form, stem)
                if inner in suffix.flags:
                    middle.setdefault(form, stem)
        vowel_words = frozenset(vowel_words)
        end = set()
        for word in last_words:
            stem = _snowball(word)
            end.add(stem)
            end.add(_definite(stem, vowel_words))
        return cls(begin, middle, end, vowel_words)

    def split(self, word):
        """The dictionary words of a compound, or () when ``word`` (NFC,
        case-folded) is none: "föräldraledigheten" -> ("förälder",
        "ledigheten"); the longest first part that leaves a known last part
        (or a compound of known parts) wins. A first part that is itself a
        compound is given with its own parts as well ("arbetstidsförkortning"
        -> ("arbetstid", "arbete", "tid", "förkortning"))."""
        found = self.split_once(word)
        if not found:
            return ()
        result = []
        for part in found[:-1]:
            result.append(part)
            if len(part) < len(word):
                result.extend(self._split(part, self.begin, MAX_PARTS))
        result.append(found[-1])
        return tuple(result)

    def split_once(self, word):
        """The parts of the first split only ("arbetstidsförkortning" ->
        ("arbetstid", "förkortning")), () for a simple word. The one-word
        synonyms (synonyms.py) may begin a compound too: "vabanmälan" ->
        ("vab", "anmälan")."""
        return self._split(word, self.begin, MAX_PARTS) or self._split(
            word, _synonym_heads(), 2
        )

    def _split(self, word, heads, room):
        if room < 2 or len(word) < 2 * MIN_PART:
            return ()
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            base = heads.get(word[:cut])
            if base is None:
                continue
            tail = word[cut:]
            if _stem(tail) in self.end:
                return (base, tail)
            rest = self._split(tail, self._inner, room - 1)
            if rest:
                return (base, *rest)
        return ()

    @property
    def _inner(self):
        inner = self.__dict__.get("_inner_heads")
        if inner is None:
            inner = self.__dict__["_inner_heads"] = {**self.begin, **self.middle}
        return inner


class WordTable:
    """A read-only {form: word} in a marisa-trie BytesTrie (UTF-8 values):
    ``get`` and ``in``, as ``Compounds`` reads its mappings."""

    __slots__ = ("trie",)

    def __init__(self, trie):
        self.trie = trie

    def get(self, form, default=None):
        found = self.trie.get(form)
        return found[0].decode() if found else default

    def __contains__(self, form):
        return form in self.trie

    def __len__(self):
        return len(self.trie)


def _table(trie):
    """A lookup of ``Compounds`` from one of its ``tries``."""
    return WordTable(trie) if isinstance(trie, marisa_trie.BytesTrie) else trie


def _intact(files, manifest):
    """Whether the kept ``files`` are those their ``manifest`` (written
    after them: "name sha256" lines) names, byte for byte. A table cut or
    changed on disk would make marisa-trie read past its data (a crash of
    the process, not an error): such files are made again."""
    try:
        sums = dict(line.split() for line in manifest.read_text().splitlines())
        return all(
            sums.get(file.name) == hashlib.sha256(file.read_bytes()).hexdigest()
            for file in files
        )
    except (OSError, ValueError):
        return False


def _keep(tries, files, manifest):
    """Save ``tries`` to ``files`` and then their ``manifest``, each
    written to a temporary file of its own, flushed to disk and renamed
    into place (two processes at once each write whole files); then remove
    the tables of earlier versions. Raises OSError."""
    folder = manifest.parent

    def place(write, target):
        handle, partial = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(handle)
        try:
            write(partial)
            with open(partial, "rb") as f:
                os.fsync(f.fileno())
            os.replace(partial, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise

    for trie, file in zip(tries, files, strict=True):
        place(lambda partial, trie=trie: trie.save(partial), file)
    sums = "".join(
        f"{file.name} {hashlib.sha256(file.read_bytes()).hexdigest()}\n"
        for file in files
    )
    place(lambda partial: Path(partial).write_text(sums), manifest)
    # Tables of earlier versions go; another dictionary's (another venv on
    # this machine) stay: it would make them again.
    for old in folder.glob("compounds-*"):
        if not old.name.startswith(f"compounds-{Compounds.VERSION}-"):
            with contextlib.suppress(OSError):
                old.unlink()


def _mapped(files):
    """The lookups of ``Compounds`` from kept marisa-trie files (in
    ``Compounds.TABLES``' order), mapped into memory, not read: pages the
    processes of a machine share."""
    return [
        _table(
            (
                marisa_trie.Trie if name in ("end", "vowels") else marisa_trie.BytesTrie
            )().mmap(str(file))
        )
        for name, file in zip(Compounds.TABLES, files, strict=True)
    ]


def _suffixed(aff, stem, flags, wanted):
    """(suffix, form) for each suffix of the word's ``flags`` that carries
    one of the ``wanted`` flags and applies to ``stem``."""
    for flag in flags:
        for suffix in aff.SFX.get(flag, ()):
            if not suffix.flags & wanted:
                continue
            if suffix.strip and not stem.endswith(suffix.strip):
                continue
            if not suffix.cond_regexp.search(stem):
                continue
            yield suffix, stem[: len(stem) - len(suffix.strip)] + suffix.add


def _synonym_heads():
    """{word: word} of the synonym list's one-word members (three letters
    or more), case-folded."""
    current = synonyms.groups()
    found = _heads.get(current)
    if found is None:
        _heads.clear()
        found = _heads[current] = {
            word: word
            for line in current
            for word in (normalized(m.strip()) for m in line.split(","))
            if len(word) >= MIN_PART and _WORD.fullmatch(word)
        }
    return found


_heads = {}


def _private_folder():
    """``solna-<uid>`` in the temporary folder, created readable by this
    user only; None when it exists but is not ours alone (then nothing is
    kept or read there)."""
    folder = Path(tempfile.gettempdir()) / f"solna-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        stat = folder.stat()
    except OSError:
        return None
    if stat.st_uid != os.getuid() or stat.st_mode & 0o077:
        logger.warning("%s is not private: the compound table is not kept", folder)
        return None
    return folder


_compounds = None
_compounds_lock = threading.Lock()


def compounds():
    """The process's Compounds, loaded on first use (thread-safe). Without
    a dictionary, compounds are not split (logged once)."""
    global _compounds
    if _compounds is None:
        with _compounds_lock:
            if _compounds is None:
                try:
                    _compounds = Compounds.load()
                except LookupError:
                    logger.warning("hunspell-sv is missing: compounds are not split")
                    _compounds = Compounds({}, {}, set(), frozenset())
    return _compounds


@lru_cache(maxsize=200_000)
def parts(word):
    """The stems of a compound's parts, () for a simple word (cached: a
    site's vocabulary is split once per process)."""
    if len(word) > MAX_WORD:
        return ()
    return tuple(_stem(part) for part in compounds().split(word))


# -- synonyms -----------------------------------------------------------------


def synonym_table(groups):
    """{first stem of a member: [(member's stems, stems to add)]} for a list
    of groups, each a comma-separated line ("vab, vård av barn"): a text
    that has one member also gets the other members' words."""
    table = {}
    for line in groups:
        members = []
        for member in line.split(","):
            words = _WORD.findall(normalized(member))
            stems = tuple(_stem(w) for w in words if w not in STOP_WORDS)
            if stems:
                members.append(stems)
        for stems in members:
            others = tuple(s for m in members if m != stems for s in m)
            table.setdefault(stems[0], []).append((stems, others))
    return table


_tables = {}


def _synonyms():
    """synonym_table of the current groups (synonyms.py: the registry's or
    the default), made once per value."""
    current = synonyms.groups()
    found = _tables.get(current)
    if found is None:
        _tables.clear()
        parts.cache_clear()  # synonyms may begin compounds (split_once)
        found = _tables[current] = synonym_table(current)
    return found


# -- the pipeline elements ---------------------------------------------------


class SwedishSplitter:
    """The words of a text, in NFC (pipeline element "Word Splitter")."""

    def process(self, lst):
        words = []
        for text in lst:
            words.extend(_WORD.findall(unicodedata.normalize("NFC", cleaned(text))))
        return words

    def processGlob(self, lst):
        words = []
        for text in lst:
            text = unicodedata.normalize("NFC", cleaned(text))
            words.extend(_GLOB_WORD.findall(text))
        return words

    def process_post_glob(self, lst):
        """Second round of a query term: split, nothing else."""
        return [w for text in lst for w in _WORD.findall(text)]


class SwedishNormalizer:
    """Folding, stop words, stems, compound parts, synonyms and forms without
    diacritics (pipeline element "Case Normalizer"; module docstring)."""

    def process(self, lst):
        words = [normalized(w) for w in lst]
        stems = [_stem(w) for w in words if w not in STOP_WORDS]
        extra = []
        for word in words:
            if word not in STOP_WORDS and len(word) >= 2 * MIN_PART:
                extra.extend(parts(word))
        table = _synonyms()
        for i, stem in enumerate(stems):
            for member, others in table.get(stem, ()):
                if tuple(stems[i : i + len(member)]) == member:
                    extra.extend(others)
        extra = list(dict.fromkeys(extra).keys() - set(stems))
        extra.sort()
        seen = set(stems).union(extra)
        folded = {_folded(s) for s in seen if len(s) >= FOLD_MIN}
        # and the stem of the word typed without them: "vardbitrade" is
        # "vardbitr" (-ade), "vårdbiträde" "vårdbiträd" (-e).
        folded.update(
            stem
            for word in words
            if len(word) >= FOLD_MIN
            and word not in STOP_WORDS
            and (bare := _folded(word)) != word
            and len(stem := _stem(bare)) >= FOLD_MIN
        )
        extra.extend(sorted(folded - seen))
        return stems + extra

    def processGlob(self, lst):
        """Query terms: each word's stem; a glob keeps what was typed,
        from its stem on: "ledighet*" is "ledig*" (ledig, ledighet,
        ledighetsansökan; not all that begin with "led", as "ledning"), and
        a whole word with a star, as folder contents and live search send
        it ("testnyhet*", "förskolorna*"), finds the word itself, which the
        index holds as its stem ("testny", "förskol"); it found nothing."""
        result = []
        for word in lst:
            word = normalized(word)
            if word in STOP_WORDS:
                continue
            head = re.match(r"[^*?]*", word).group()
            if head == word:
                result.append(_stem(word))
                continue
            stem = _stem(head) if head else head
            if stem and stem != head and head.startswith(stem):
                word = stem + word[len(head) :]
            result.append(word)  # the typed beginning, not a stem
        return result

    def process_post_glob(self, lst):
        """Second round of a query term: already analysed."""
        return [w.replace("*", "").replace("?", "") for w in lst]


def _register(group, name, factory):
    with contextlib.suppress(ValueError):  # registered already (reloaded)
        element_factory.registerFactory(group, name, factory)


_register("Word Splitter", SPLITTER, SwedishSplitter)
_register("Case Normalizer", NORMALIZER, SwedishNormalizer)


# -- what the site asks ------------------------------------------------------


def tokens(text):
    """What the index stores for ``text`` (a list of str, in order: stems
    of its words, then parts, synonyms and forms without diacritics)."""
    return SwedishNormalizer().process(SwedishSplitter().process([text]))


_OPERATORS = {"and", "or", "not"}


def modifiers(text):
    """The first parts of the compounds typed in ``text`` (a str of words
    joined by spaces, "" when none): "semesterledighet" -> "semester". A
    Swedish compound's last part says what it is (ledighet), the first
    which one (semester): a title that has the first is about the
    compound, one that has only the last may be about any ledighet."""
    found = []
    for word in _WORD.findall(normalized(text)):
        if 2 * MIN_PART <= len(word) <= MAX_WORD and word not in STOP_WORDS:
            found.extend(compounds().split_once(word)[:-1])
    return " ".join(p for p in found if p not in STOP_WORDS)


def stem(word):
    """The stem the index holds for one word (str -> str; "ledigheten" ->
    "ledig")."""
    return _stem(normalized(word))


def stems(text):
    """The stems of a text's own words, stop words left out (a list of
    str): what two texts share when they say the same thing."""
    words = _WORD.findall(normalized(text or ""))
    return [_stem(w) for w in words if w not in STOP_WORDS]


def _genitive(typed):
    """Whether a word as typed may be a name in the genitive that the
    stemmer keeps ("Eks" of "Johan Ek"): capitalised, not all capitals
    (LAS), ending in -s."""
    return (
        len(typed) >= 3
        and typed[0].isupper()
        and not typed.isupper()
        and typed.endswith("s")
        and _stem(typed.casefold()).endswith("s")
    )


def query_text(text, prefix=True, relaxed=False, split=True):
    """A ZCTextIndex query (str) for what a person typed, "" when nothing
    searchable was typed.

    Each word must match (AND); a word that is a compound may also match
    its parts written apart ("föräldraledighet" -> "(föräldraledighet OR
    (föräldra AND ledighet))"); with ``prefix`` the last word of three
    letters or more also matches as the beginning of words (as-you-type:
    "semest" finds "semester"; "ledighet" also "ledighetsansökan"); a
    capitalised word in -s also matches without it ("Eks" finds "Ek"). Quotes,
    brackets and the words AND, OR and NOT are taken as words, never as
    query syntax. ``relaxed``: any word or compound part may match (OR),
    for when all of them find too little; the documents with most of them
    rank first. ``split``: False for the words alone, without the
    alternative of their compound parts."""
    typed = _WORD.findall(unicodedata.normalize("NFC", cleaned(text)))
    # Stop words out, unless nothing else was typed: "för" as typed so far
    # is the beginning of "förskola" (the last word is a prefix).
    typed = [w for w in typed if w.casefold() not in STOP_WORDS] or typed[-1:]
    if relaxed:
        # Any of the words: not a lone number or letter ("1" of pasted
        # code would find every text with a 1 in it).
        typed = [w for w in typed if len(w) > 1 and not w.isdigit()]
    typed = typed[:MAX_QUERY_WORDS]
    words = [w.casefold() for w in typed]
    terms = []
    for i, word in enumerate(words):
        if word in _OPERATORS:
            terms.append(f'"{word}"')
            continue
        alternatives = [word]
        if _genitive(typed[i]):
            alternatives.append(word[:-1])
        if prefix and i == len(words) - 1 and len(word) >= 3:
            alternatives.append(f"{word}*")
        fits = split and 2 * MIN_PART <= len(word) <= MAX_WORD
        found = compounds().split_once(word) if fits else ()
        parts_ = [f'"{p}"' if p in _OPERATORS else p for p in found]
        parts_ = [p for p in parts_ if p not in STOP_WORDS]
        if len(parts_) > 1:
            joint = " OR " if relaxed else " AND "
            alternatives.append("(" + joint.join(parts_) + ")")
        if len(alternatives) == 1:
            terms.append(word)
        else:
            terms.append("(" + " OR ".join(alternatives) + ")")
    return (" OR " if relaxed else " AND ").join(terms)


#: The letters a Swedish word is spelled with (for ``edits``).
LETTERS = "abcdefghijklmnopqrstuvwxyzåäöé"


def edits(word):
    """Every string one edit from ``word``: a letter left out, two letters
    swapped, one replaced or one added (Peter Norvig, "How to Write a
    Spelling Corrector", 2007). A set of str."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    found.update(a + c + b[1:] for a, b in splits if b for c in LETTERS)
    found.update(a + c + b for a, b in splits for c in LETTERS)
    found.discard(word)
    return found


def corrections(word, known):
    """The spellings one edit from ``word`` (NFC, case-folded) whose stem
    ``known(stem)`` scores above 0 (e.g. how many documents have it), best
    first (on equal scores, a dictionary word first), as [(score,
    spelling)]. The stem decides, so a misspelling is
    corrected to any form of a word the site has ("ledighett" ->
    "ledighet", whose stem "led" the index holds), not only to the forms it
    holds."""
    if not 3 <= len(word) <= 30:
        return []
    scored = {}
    for candidate in edits(word):
        if len(candidate) < 2 or not _WORD.fullmatch(candidate):
            continue
        score = known(_stem(candidate))
        if score:
            scored[candidate] = score
    dictionary = compounds()

    def real(candidate):  # a dictionary word before a stranger of equal score
        return candidate in dictionary.begin or candidate in dictionary.vowel_words

    return sorted(
        ((s, c) for c, s in scored.items()),
        key=lambda x: (-x[0], not real(x[1]), x[1]),
    )
