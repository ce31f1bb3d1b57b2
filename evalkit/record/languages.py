"""Languages as a record may name them: an ISO 639 code (`ku`, `ckb`) or the language's name
in English or in Arabic ("Kurdish", «الكردية»), all read to the code, from Babel's locale
data (CLDR) rather than a hand-made list. An unknown language is an error, never a guess."""

from __future__ import annotations

import re
from functools import lru_cache

from evalkit.i18n import Msg
from evalkit.record.problems import did_you_mean, given, quoted

# "unknown" is what an evaluator writes for an account whose language they do not know
UNKNOWN = "unknown"
# a few names CLDR does not give but sources use
_ALIASES = {"farsi": "fa", "sorani": "ckb", "kurmanji": "kmr"}


# Arabic spellings that differ only in what writers commonly drop or vary: short vowels
# and tatweel, hamza on or under alef («الانجليزية» for «الإنجليزية»), final alef maqsura
# and taa marbuta written as haa («العربيه»)
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def _key(text: str) -> str:
    t = _ARABIC_MARKS.sub("", " ".join(str(text).split())).translate(_ARABIC_FOLD).casefold()
    t = re.sub(r"^(?:اللغة|لغة)\s+", "", t)  # «اللغة الكردية» is «الكردية»
    t = re.sub(r"\s+language$", "", t)  # "Kurdish language" is "Kurdish"
    return t


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from babel import Locale

    table: dict[str, str] = {}
    for code in map(str, Locale("en").languages):
        table[code.casefold()] = code
    for loc in ("en", "ar"):
        for code, name in Locale(loc).languages.items():
            code = str(code)
            table.setdefault(_key(name), code)
            if loc == "ar" and name.startswith("ال"):
                table.setdefault(_key(name[2:]), code)  # «كردية» as well as «الكردية»
    table.update(_ALIASES)
    table.update({code: code for code in _ALIASES.values()})  # `kmr` as well as "Kurmanji"
    return table


def language_code(text: str) -> str:
    """The code of a language written as a code or a name; ValueError for an unknown one."""
    key = _key(text)
    if key == UNKNOWN:
        return UNKNOWN
    table = _table()
    if key in table:
        return table[key]
    # «انجليزي», «عربي»: the adjective as people say it, where CLDR writes the feminine name
    if re.search("[\u0600-\u06ff]ي$", key) and key + "ه" in table:
        return table[key + "ه"]
    primary = re.split(r"[-_]", key)[0]  # "en-GB", "ar_SY"
    if primary != key and primary in table:
        return table[primary]
    raise ValueError(
        Msg(
            "unknown language {value}{meant}; write its ISO 639 code (ar, en, ku, ckb) or its "
            "name in English or Arabic (Kurdish, الكردية)",
            value=quoted(str(text)),
            meant=did_you_mean(text, _names(text)),
        )
    )


@lru_cache(maxsize=2)
def _named_in(script: str) -> tuple[str, ...]:
    from babel import Locale

    return tuple(str(name) for name in Locale(script).languages.values())


def _names(text: str) -> tuple[str, ...]:
    """The languages' names a misspelt one is compared with: in Arabic when it is written
    in Arabic script, else in English (a code of two or three letters has too many
    neighbours to suggest one)."""
    return _named_in("ar" if re.search("[\u0600-\u06ff]", text) else "en")


def parse_language(value: object) -> str:
    """pydantic's reading of a language field: the code, whatever form was written."""
    if not isinstance(value, str) or not value.strip():
        # true, a list, no value: said as what it is, never as Python writes it (True, None)
        said = quoted(value) if isinstance(value, str) else given(value)
        raise ValueError(Msg("expected a language code or name, got {value}", value=said))
    return language_code(value)
