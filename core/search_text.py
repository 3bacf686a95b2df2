"""Search keys for Mongolian: the same small normaliser runs when a page is indexed and when a
visitor searches, so "Улаанбаатарт", "Улаанбаатарын" and "Ulaanbaatar" all find "Улаанбаатар".

A word's keys are its folded form and the stems left by taking off up to two endings:
- folding: Unicode case folding; ө→о, ү→у, й/ы→и, е→э, ё→ио and the signs ь, ъ dropped, so
  that the spellings Latin-script typists collapse (u for у and ү, i for и, й and ы) compare equal;
- endings: the common case endings (genitive, accusative, dative-locative, ablative,
  instrumental, comitative, directive) and plural endings, longest first, never leaving a stem
  shorter than three letters;
- a word typed in Latin letters is first transliterated to Cyrillic (cyrtranslit's Mongolian
  table, MNS 5217:2012, with a lone "h" read as "kh" as people type it).
Pages index the keys of their Cyrillic words (`NormalisedSearchText`); a query word matches
when any of its keys does (search/views.py). It is not a full morphological analyser: stems
whose vowel drops before an ending (газар, газрын) and possessive endings are not joined.
"""

import re

import cyrtranslit

CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
LATIN_WORD = re.compile(r"[a-z]+")
MIN_STEM = 3
FOLD = str.maketrans({"ө": "о", "ү": "у", "й": "и", "ы": "и", "е": "э", "ё": "ио", "ь": None, "ъ": None})
# Written in folded letters; longest first.
ENDINGS = sorted(
    {
        # genitive
        "гиин", "иин", "ин", "нии", "ни", "ии", "н",
        # accusative
        "гииг", "ииг", "иг", "г",
        # dative-locative
        "нд", "ад", "од", "эд", "д", "т",
        # ablative
        "гаас", "гээс", "гоос", "наас", "нээс", "ноос", "аас", "ээс", "оос", "иас", "иос",
        # instrumental
        "гаар", "гээр", "гоор", "аар", "ээр", "оор", "иар", "иор",
        # comitative
        "таи", "тэи", "тои",
        # directive
        "руу", "луу",
        # plural
        "нууд", "чууд", "ууд", "нар", "ид",
    },
    key=len,
    reverse=True,
)  # fmt: skip


def fold(word):
    """The word case-folded, in Cyrillic, with the letters Latin typists merge made one."""
    word = word.casefold()
    if LATIN_WORD.fullmatch(word):
        word = cyrtranslit.to_cyrillic(re.sub(r"(?<![kcsz])h", "kh", word), "mn").casefold()
    return word.translate(FOLD)


def strip_ending(word):
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def keys(word):
    """The folded word and its stems (up to two endings off), without repeats."""
    found = [fold(word)]
    for _ in range(2):
        stem = strip_ending(found[-1])
        if stem == found[-1]:
            break
        found.append(stem)
    return list(dict.fromkeys(found))


def index_text(text):
    """What a page adds to the search index: the keys of each Cyrillic word of its text."""
    words = dict.fromkeys(CYRILLIC_WORD.findall((text or "").casefold()))
    return " ".join(dict.fromkeys(key for word in words for key in keys(word)))


def query_keys(word):
    """The forms a query word is searched as: itself and, for Cyrillic or Latin words, its keys."""
    word = word.casefold()
    if CYRILLIC_WORD.fullmatch(word) or LATIN_WORD.fullmatch(word):
        return list(dict.fromkeys([word, *keys(word)]))
    return [word]


class NormalisedSearchText:
    """Mixin for pages and snippets: add `index.SearchField("normalised_search_text")` to
    `search_fields` and the index holds the Mongolian keys of every other searchable field."""

    def normalised_search_text(self):
        from wagtail.search import index

        texts = []

        def collect(obj, fields):
            for field in fields:
                if isinstance(field, index.RelatedFields):
                    related = field.get_value(obj)
                    if related is None:
                        continue
                    items = related.all() if hasattr(related, "all") else [related]
                    for item in items:
                        collect(item, field.fields)
                elif isinstance(field, index.SearchField) and field.field_name != "normalised_search_text":
                    value = field.get_value(obj)
                    values = value if isinstance(value, (list, tuple)) else [value]
                    texts.extend(str(item) for item in values if item)

        collect(self, self.get_search_fields())
        return index_text(" ".join(texts))
