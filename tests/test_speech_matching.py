"""Speech cue matching: the indexed matcher and its pre-test agree with a plain token-by-token matcher."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.speech import _match_indices, _required, _Words

WORDS = ["we", "will", "wipe", "them", "out", "not", "hesitate", "to", "strike", "striking", "back", "-"]
ITEMS = [*WORDS, "_", "...", "strik*", "wip*", "*"]


def _reference(pattern: tuple[str, ...], lowers: list[str], lemmas: list[str],
               max_gap: int) -> list[list[int]]:
    """The matcher as first written (recursion over token positions), for comparison."""
    def item_matches(item: str, t: int) -> bool:
        if item == "_":
            return True
        if item.endswith("*"):
            return lowers[t].startswith(item[:-1])
        return lowers[t] == item or lemmas[t] == item

    def extend(p: int, t: int, acc: list[int]) -> list[int] | None:
        if p == len(pattern):
            return acc
        if pattern[p] == "...":
            for skip in range(max_gap + 1):
                got = extend(p + 1, t + skip, acc)
                if got is not None:
                    return got
            return None
        if t < len(lowers) and item_matches(pattern[p], t):
            return extend(p + 1, t + 1, [*acc, t])
        return None

    found = []
    for start in range(len(lowers)):
        got = extend(0, start, [])
        if got:
            found.append(got)
    return found


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=12),
    pattern=st.lists(st.sampled_from(ITEMS), min_size=1, max_size=5).map(tuple),
    max_gap=st.integers(min_value=0, max_value=3),
)
def test_indexed_matcher_equals_reference(words: list[str], pattern: tuple[str, ...], max_gap: int) -> None:
    lemmas = ["strike" if w == "striking" else w for w in words]
    found = _match_indices(pattern, words, lemmas, max_gap)
    assert found == _reference(pattern, words, lemmas, max_gap)
    vocabulary = frozenset(words) | frozenset(lemmas)
    view = _Words(tokens=[], lowers=words, lemmas=lemmas, vocabulary=vocabulary, prefixes={})
    if found:  # the pre-test may only skip patterns that cannot match
        assert view.may_match(pattern)


def test_required_words_and_prefixes() -> None:
    assert _required(("wipe", "...", "out")) == (("wipe", "out"), ())
    assert _required(("strik*", "_", "back")) == (("back",), ("strik",))
